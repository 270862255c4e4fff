package dev.custody.cli.menu;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.gui2.BasicWindow;
import com.googlecode.lanterna.gui2.Direction;
import com.googlecode.lanterna.gui2.Label;
import com.googlecode.lanterna.gui2.LinearLayout;
import com.googlecode.lanterna.gui2.Panel;
import com.googlecode.lanterna.gui2.TextBox;
import com.googlecode.lanterna.gui2.Window;
import com.googlecode.lanterna.gui2.WindowBasedTextGUI;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.custody.common.Secret;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** A masked one-line prompt: Enter accepts, Esc cancels, as at Heads' PIN prompts. */
final class PassphraseDialog {
    private PassphraseDialog() {}

    /** Lanterna keeps text as a String; it is turned into a Secret at once and the box is cleared. */
    static Optional<Secret> ask(WindowBasedTextGUI gui, String title, String prompt) {
        return prompt(gui, title, prompt, Optional.of('*')).map(text -> Secret.adopt(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** The same prompt, unmasked, for what is not secret (a file name). */
    static Optional<String> askLine(WindowBasedTextGUI gui, String title, String prompt) {
        return prompt(gui, title, prompt, Optional.empty());
    }

    private static Optional<String> prompt(WindowBasedTextGUI gui, String title, String prompt, Optional<Character> mask) {
        BasicWindow window = new BasicWindow(title);
        window.setHints(List.of(Window.Hint.CENTERED, Window.Hint.MODAL));
        boolean[] accepted = {false};
        TextBox box = new TextBox(new TerminalSize(40, 1)) {
            @Override
            public Result handleKeyStroke(KeyStroke key) {
                if (key.getKeyType() == KeyType.Enter || key.getKeyType() == KeyType.Escape) {
                    accepted[0] = key.getKeyType() == KeyType.Enter;
                    window.close();
                    return Result.HANDLED;
                }
                return super.handleKeyStroke(key);
            }
        };
        mask.ifPresent(box::setMask);
        Panel panel = new Panel(new LinearLayout(Direction.VERTICAL));
        panel.addComponent(new Label(prompt));
        panel.addComponent(box);
        panel.addComponent(new Label("Enter accepts, Esc cancels."));
        window.setComponent(panel);
        gui.addWindowAndWait(window);
        Optional<String> text = accepted[0] ? Optional.of(box.getText()) : Optional.empty();
        box.setText("");
        return text;
    }
}
