package dev.custody.cli.recovery;

import dev.custody.machine.recovery.RecoveryAuth;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "off", mixinStandardHelpOptions = true,
        description = {"Remove the recovery authentication from the firmware's config.user: anyone at the keyboard can",
            "enter the recovery shell again, as in Heads, and PCR 4 still shows it. The TOTP is resealed as by set."})
public final class RecoveryAuthOffCommand implements Callable<Integer> {
    @Mixin RecoveryAuthChange change;

    @Override
    public Integer call() {
        return change.apply(new RecoveryAuth.None());
    }
}
