package dev.custody.cli.lab;

import dev.custody.cli.Main;
import dev.custody.machine.LabMachine;
import dev.custody.machine.lab.LabDemo;
import dev.custody.machine.lab.LabPower;
import dev.custody.ownership.OwnershipFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"A narrated, non-interactive run of the whole flow on a fresh lab machine: a shop's",
            "factory reset (key, signed /boot, TOTP sealed to the firmware, disk unlock key), tampering caught and",
            "explained, a firmware update that keeps the TOTP valid, and the hand-off to a new owner who checks",
            "the machine and replaces every secret. Every step is a real custody command, shown as it runs.",
            "With --tpm-version 1.2 the same story runs on a TPM 1.2, as on a ThinkPad x230 or T430.",
            "Exit 0 only if every step behaved as it must."})
public final class LabDemoCommand implements Callable<Integer> {
    static final int STEP_MISBEHAVED = 6;

    @Option(names = "--dir", paramLabel = "DIR", description = "Build the lab machine here (default: a new temporary folder).") Path directory;

    @Option(names = "--tpm-version", paramLabel = "VERSION", defaultValue = "2.0",
            description = "The lab machine's TPM family: 2.0 (default) or 1.2.")
    String tpmVersion;

    private final List<String> failures = new ArrayList<>();
    private int chapterNumber;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Instant start = Instant.now();
        Path dir = directory != null ? directory : Files.createTempDirectory("custody-lab-");
        LabMachine lab = new LabMachine(dir);
        String d = lab.directory().toString();
        try {
            for (LabDemo.Step step : LabDemo.story(lab, tpmVersion, OwnershipFiles.of(lab).ownerPublicKey())) {
                tell(step);
            }
        } catch (IOException | RuntimeException | InterruptedException e) {
            LabPower.stop(lab);
            throw e;
        }
        long seconds = Duration.between(start, Instant.now()).toSeconds();
        if (!failures.isEmpty()) {
            LabPower.stop(lab);
            System.out.println("\nThe demo did NOT go as it must: " + String.join("; ", failures));
            return STEP_MISBEHAVED;
        }
        String custody = LabDemo.commandName(System.getenv());
        System.out.printf("%nDone in %d s. The lab machine in %s is still on: its virtual TPM runs in the background"
                + " until '%s lab stop %s'. Try next, in this order:%n", seconds, d, custody, d);
        for (LabDemo.Hint hint : LabDemo.tryNext(lab)) {
            System.out.printf("  %s%n      %s%n", custody + " " + hint.arguments(), hint.why());
        }
        return 0;
    }

    private void tell(LabDemo.Step step) throws IOException, InterruptedException {
        switch (step) {
            case LabDemo.Step.Chapter chapter -> {
                System.out.printf("%n== %d. %s%n", ++chapterNumber, chapter.title());
                chapter.more().forEach(line -> System.out.println("   " + line));
            }
            case LabDemo.Step.Command command -> run(command.expect() == LabDemo.Expect.TOTP_REFUSED
                    ? LabPowerOnCommand.TOTP_REFUSED : 0, command.arguments().toArray(String[]::new));
            case LabDemo.Step.Prepare prepare -> {
                prepare.action().run();
                prepare.shown().ifPresent(line -> System.out.println("$ " + line));
            }
            case LabDemo.Step.PhoneShows phone -> System.out.println(LabDemo.phoneCode(phone.qrPng())
                    .map(code -> "  An authenticator app that scanned the QR code shows: " + code)
                    .orElse("  (zbarimg and oathtool are not installed, so the phone's side is not shown)"));
        }
    }

    private void run(int expectedExit, String... args) {
        System.out.println("$ custody " + String.join(" ", quoted(args)));
        System.out.flush();
        int exit = Main.run(args);
        if (exit != expectedExit) {
            failures.add("'custody " + String.join(" ", args) + "' exited " + exit + ", not " + expectedExit);
        }
    }

    private static List<String> quoted(String... args) {
        return java.util.Arrays.stream(args).map(a -> a.contains(" ") ? "\"" + a + "\"" : a).toList();
    }
}
