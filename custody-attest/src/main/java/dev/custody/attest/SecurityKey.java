package dev.custody.attest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** A USB security key that checks HOTP codes, through Nitrokey's {@code hotp_verification} tool. */
public final class SecurityKey {
    static final String TOOL = "hotp_verification";

    public enum Verdict {
        VALID("GREEN: the security key accepted the code; this machine is unchanged."),
        INVALID("RED: the security key rejected the code. Do not trust this machine until you know why."),
        ABSENT("No USB security key could be checked: Nitrokey's hotp_verification tool is not installed "
                + "or no key is plugged in. Compare the code by other means.");

        private final String description;

        Verdict(String description) {
            this.description = description;
        }

        public String describe() {
            return description;
        }
    }

    private SecurityKey() {}

    /** Asks the key plugged in, through the tool found on $PATH, whether {@code code} is the next HOTP code. */
    public static Verdict check(String code) throws IOException, InterruptedException {
        return check(code, System.getenv().getOrDefault("PATH", ""));
    }

    static Verdict check(String code, String searchPath) throws IOException, InterruptedException {
        Optional<Path> tool = find(searchPath);
        if (tool.isEmpty()) {
            return Verdict.ABSENT;
        }
        Process info = new ProcessBuilder(tool.get().toString(), "info").redirectErrorStream(true).start();
        info.getInputStream().readAllBytes();
        if (!info.waitFor(10, TimeUnit.SECONDS) || info.exitValue() != 0) {
            return Verdict.ABSENT;
        }
        Process check = new ProcessBuilder(tool.get().toString(), "check", code).redirectErrorStream(true).start();
        check.getInputStream().readAllBytes();
        boolean finished = check.waitFor(30, TimeUnit.SECONDS);
        return finished && check.exitValue() == 0 ? Verdict.VALID : Verdict.INVALID;
    }

    private static Optional<Path> find(String searchPath) {
        for (String dir : searchPath.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, TOOL))) {
                return Optional.of(Path.of(dir, TOOL));
            }
        }
        return Optional.empty();
    }
}
