package dev.custody.cli.rom;

import dev.custody.firmware.flash.FlashProgress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar on stderr, shown only when stderr is a terminal so that logs and pipes stay clean. */
final class TerminalProgress implements FlashProgress, AutoCloseable {
    private final ProgressBar bar;

    private TerminalProgress(ProgressBar bar) {
        this.bar = bar;
    }

    static TerminalProgress start(String task, int steps) {
        return new TerminalProgress(stderrIsTerminal()
                ? new ProgressBarBuilder().setTaskName(task).setInitialMax(steps).setStyle(ProgressBarStyle.ASCII)
                        .continuousUpdate().build()
                : null);
    }

    @Override
    public void step(int step, int total, String description) {
        if (bar != null) {
            bar.maxHint(total);
            bar.stepTo(step - 1L);
            bar.setExtraMessage(description);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.stepTo(bar.getMax());
            bar.close();
        }
    }

    private static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException notLinux) {
            return false;
        }
    }
}
