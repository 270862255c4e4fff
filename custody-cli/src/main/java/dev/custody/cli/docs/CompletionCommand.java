package dev.custody.cli.docs;

import dev.custody.cli.PicocliRun;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print a shell completion script for custody.",
            "Load it with 'source <(custody completion bash)', or install it as",
            "/usr/share/bash-completion/completions/custody (bash) or as _custody in a folder of $fpath (zsh);",
            "bin/setup does that when run as root."})
public final class CompletionCommand implements Callable<Integer> {
    @Parameters(paramLabel = "SHELL", description = "bash or zsh.") Shell shell;

    @Override
    public Integer call() {
        String script = AutoComplete.bash("custody", PicocliRun.commandTree());
        // picocli's script already switches zsh's bash-compatible completion on when zsh sources it.
        System.out.print(switch (shell) {
            case BASH -> script;
            case ZSH -> "#compdef custody\n" + script;
        });
        return 0;
    }
}
