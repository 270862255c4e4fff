package dev.custody.cli.menu;

import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.graphics.TextGraphics;
import com.googlecode.lanterna.screen.Screen;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Heads' auto-boot: count down, and any key stops it and opens the menu. */
final class AutoBoot {
    private static final int TICKS_PER_SECOND = 10;

    private AutoBoot() {}

    /** True when the countdown ran out without a key being pressed. */
    static boolean countDown(Screen screen, String entryName, int seconds) {
        try {
            TextGraphics text = screen.newTextGraphics();
            for (int tick = seconds * TICKS_PER_SECOND; tick > 0; tick--) {
                screen.clear();
                text.putString(new TerminalPosition(2, 10), "/boot verified.");
                text.putString(new TerminalPosition(2, 11), Text.shorten("Booting '" + entryName + "' in "
                        + ((tick + TICKS_PER_SECOND - 1) / TICKS_PER_SECOND) + " s.", 76));
                text.putString(new TerminalPosition(2, 12), "Press any key for the boot menu.");
                screen.refresh();
                if (screen.pollInput() != null) {
                    return false;
                }
                Thread.sleep(1000 / TICKS_PER_SECOND);
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("the terminal failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
