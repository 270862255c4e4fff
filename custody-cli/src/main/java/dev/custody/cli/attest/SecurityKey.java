package dev.custody.cli.attest;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** A USB security key that checks HOTP codes, through Nitrokey's {@code hotp_verification} tool. */
final class SecurityKey {
    private static final String TOOL = "hotp_verification";

    enum Verdict {
        VALID("GREEN: the security key accepted the code; this machine is unchanged."),
        INVALID("RED: the security key rejected the code. Do not trust this machine until you know why."),
        ABSENT("No USB security key could be checked: Nitrokey's hotp_verification tool is not installed "
                + "or no key is plugged in. Compare the code by other means.");

        private final String description;

        Verdict(String description) {
            this.description = description;
        }

        String describe() {
            return description;
        }
    }

    private SecurityKey() {}

    static Verdict check(String code) throws IOException, InterruptedException {
        if (!onPath()) {
            return Verdict.ABSENT;
        }
        Process info = new ProcessBuilder(TOOL, "info").redirectErrorStream(true).start();
        info.getInputStream().readAllBytes();
        if (!info.waitFor(10, TimeUnit.SECONDS) || info.exitValue() != 0) {
            return Verdict.ABSENT;
        }
        Process check = new ProcessBuilder(TOOL, "check", code).redirectErrorStream(true).start();
        check.getInputStream().readAllBytes();
        boolean finished = check.waitFor(30, TimeUnit.SECONDS);
        return finished && check.exitValue() == 0 ? Verdict.VALID : Verdict.INVALID;
    }

    private static boolean onPath() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(":")) {
            if (java.nio.file.Files.isExecutable(java.nio.file.Path.of(dir, TOOL))) {
                return true;
            }
        }
        return false;
    }
}
