package dev.custody.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What tests of lab machines share: reading the TOTP code, running the real tools. */
public final class LabTools {
    private LabTools() {}

    /** Retries across a 30-second boundary, so that the comparison never straddles two time steps. */
    public static String totpCode(Path lab) throws InterruptedException {
        return totpCode("--machine", lab.toString());
    }

    /** The same for a machine named by other options, e.g. {@code --tpm vtpm:DIR}. */
    public static String totpCode(String... machine) throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("totp", "--json"));
            args.addAll(java.util.List.of(machine));
            CliRun totp = CliRun.of(args.toArray(String[]::new));
            assertThat(totp.exitCode()).as(totp.err()).isZero();
            Matcher m = Pattern.compile("\"validFor\": (\\d+)").matcher(totp.out());
            assertThat(m.find()).isTrue();
            if (Integer.parseInt(m.group(1)) > 3 || attempt == 2) {
                return totp.out().replaceAll("(?s).*\"code\": \"(\\d{6})\".*", "$1");
            }
            Thread.sleep(4000);
        }
    }

    /** Runs a real tool in {@code directory}, asserts it succeeded and returns its standard output. */
    public static String run(Path directory, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(directory.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor()).as(String.join(" ", command)).isZero();
        return out;
    }
}
