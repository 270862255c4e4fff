package dev.custody.machine.qemu;

import static dev.custody.common.JsonMaps.object;

import dev.custody.common.AtomicFiles;
import dev.custody.common.TerminalText;
import dev.custody.eventlog.EventLogs;
import dev.custody.eventlog.MalformedLogException;
import dev.custody.eventlog.pe.QemuKernelImage;
import dev.custody.machine.QemuMachine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One power-on of a QEMU machine: swtpm on a unix socket serving the machine's TPM state, QEMU
 * booting the firmware, then the Debian kernel directly with the guest initramfs (plus an archive
 * of what Custody keeps on the machine: seal records and the disk key's records), the serial
 * console written to DIR/console.log. The guest powers off by itself when its Custody is done; a
 * hard timeout kills QEMU and swtpm otherwise. Every process started here is stopped here.
 */
public final class QemuBoot {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);
    /**
     * The guest never waits for a person: Custody powers it off when the disk stays locked, and
     * with no root file system the initramfs panics and reboots, which -no-reboot turns into an exit.
     */
    static final String KERNEL_COMMAND_LINE = "console=ttyS0 panic=1 rootdelay=1 custody.poweroff-on-refusal";
    private static final Path KVM = Path.of("/dev/kvm");
    private static final long MEMORY_MIB = 1024;

    private QemuBoot() {}

    /** What a power-on showed; {@code finished} is false when the timeout stopped it. */
    public record Result(GuestConsole guest, boolean finished, Duration took, Optional<Path> eventLog,
                         Optional<String> eventLogProblem, Path console) {
        /** What 'lab power-on' prints: the guest's Custody lines, how it ended, and where its log went. */
        public String text() {
            StringBuilder out = new StringBuilder("The guest printed:\n");
            guest.guestLines().forEach(line -> out.append("  | ").append(TerminalText.escape(line)).append('\n'));
            if (!finished) {
                out.append("The guest did not power off in time: QEMU and swtpm were stopped.\n");
            } else if (!guest.done()) {
                out.append("The guest stopped before Custody was done (no CUSTODY-DONE).\n");
            }
            out.append(String.format("Powered off after %.1f s; the whole console is in %s.%n", took.toMillis() / 1000.0, console));
            out.append(eventLog.map(log -> "Measurement log stored in " + log + " (the next seal is for it).")
                    .orElse("custody: warning: " + eventLogProblem.orElse("no measurement log")));
            return out.toString();
        }

        /** The same as 'lab power-on --json' reports it, in the simulated lab's shape (totp, disk, then the rest). */
        public Map<String, Object> toJson(int exitCode) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("totp", guest.totp().map(t -> object("code", t.code().orElse(null),
                            "reason", t.code().isPresent() ? null : t.reason()))
                    .orElse(object("code", null, "reason", "the guest printed no CUSTODY-TOTP line")));
            out.put("disk", guest.disk().map(d -> object("opened", d.opened(), "by", d.by().orElse(null), "reason", d.reason()))
                    .orElse(object("opened", false, "by", null, "reason", "the guest printed no CUSTODY-DISK line")));
            out.put("recoveryFailures", guest.recoveryFailures().isPresent() ? guest.recoveryFailures().getAsInt() : null);
            out.put("done", guest.done());
            out.put("finished", finished);
            out.put("seconds", took.toMillis() / 1000.0);
            out.put("console", console.toString());
            out.put("eventLog", eventLog.map(Path::toString).orElse(null));
            out.put("eventLogProblem", eventLogProblem.orElse(null));
            out.put("exitCode", exitCode);
            return out;
        }
    }

    public static Result powerOn(QemuMachine machine, Optional<Path> diskPassphraseFile, Duration timeout) {
        QemuDescriptor descriptor = machine.descriptor();
        diskPassphraseFile.ifPresent(QemuBoot::checkReadable);
        QemuTpm.release(machine);
        Path run = temporaryFolder();
        List<Process> started = new ArrayList<>();
        Thread stopper = new Thread(() -> started.forEach(Process::destroyForcibly), "custody-qemu-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        Instant start = Instant.now();
        boolean finished;
        try {
            Path socket = run.resolve("swtpm.sock");
            started.add(startSwtpm(machine, descriptor, socket));
            Path initrd = run.resolve("initrd.img");
            GuestState.appendTo(machine, initrd);
            Process qemu = start(qemuCommand(machine, descriptor, socket, initrd, diskPassphraseFile),
                    machine.directory().resolve("qemu.log"));
            started.add(qemu);
            finished = qemu.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the QEMU machine was running");
        } finally {
            started.reversed().forEach(QemuBoot::stop);
            try {
                Runtime.getRuntime().removeShutdownHook(stopper);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running: it stops the same processes.
            }
            deleteTree(run);
        }
        Duration took = Duration.between(start, Instant.now());
        GuestConsole guest = GuestConsole.parse(readConsole(machine));
        Optional<String> problem = Optional.empty();
        Optional<Path> stored = Optional.empty();
        if (guest.eventLog().isPresent()) {
            try {
                EventLogs.parse(guest.eventLog().get());
                AtomicFiles.write(machine.eventLog(), guest.eventLog().get());
                stored = Optional.of(machine.eventLog());
            } catch (MalformedLogException e) {
                problem = Optional.of("the log the guest exported is unreadable (" + e.getMessage() + "); the last good one is kept");
            }
        } else {
            problem = Optional.of("the guest exported no measurement log (no CUSTODY-EVENTLOG block on its console)");
        }
        return new Result(guest, finished, took, stored, problem, machine.console());
    }

    /**
     * The bytes OVMF measures when a power-on hands it {@code kernel}: QEMU first writes its boot
     * fields, the initrd's size and address among them, into the setup header, which Authenticode hashes.
     */
    public static byte[] measuredKernel(QemuMachine machine, byte[] kernel) {
        return QemuKernelImage.patched(kernel, GuestState.initrdSize(machine), MEMORY_MIB << 20);
    }

    static List<String> qemuCommand(QemuMachine machine, QemuDescriptor descriptor, Path socket, Path initrd,
                                    Optional<Path> diskPassphraseFile) {
        List<String> command = new ArrayList<>(List.of("qemu-system-x86_64",
                "-machine", descriptor.smm() ? "q35,smm=on" : "q35",
                "-accel", Accelerator.forKernel(machine.kernel()),
                // The package's start-up cache holds code for the CPU it was trained on; QEMU's
                // default CPU model lacks AVX and the like, and the guest's Java died of SIGILL.
                "-cpu", "max",
                "-m", Long.toString(MEMORY_MIB), "-smp", "1", "-nic", "none", "-display", "none", "-monitor", "none", "-no-reboot",
                "-serial", "file:" + machine.console()));
        if (descriptor.firmware().uefi()) {
            if (descriptor.smm()) {
                command.addAll(List.of("-global", "driver=cfi.pflash01,property=secure,value=on"));
            }
            command.addAll(List.of(
                    "-drive", "if=pflash,format=raw,unit=0,readonly=on,file=" + machine.firmwareCode(),
                    "-drive", "if=pflash,format=raw,unit=1,file=" + machine.firmwareVars()));
        } else {
            command.addAll(List.of("-bios", machine.firmwareCode().toString()));
        }
        command.addAll(List.of(
                "-chardev", "socket,id=chrtpm,path=" + socket,
                "-tpmdev", "emulator,id=tpm0,chardev=chrtpm",
                "-device", "tpm-tis,tpmdev=tpm0"));
        command.addAll(List.of("-drive", "file=" + machine.disk() + ",if=virtio,format=raw"));
        command.addAll(List.of("-kernel", machine.kernel().toString(), "-initrd", initrd.toString(),
                "-append", KERNEL_COMMAND_LINE));
        diskPassphraseFile.ifPresent(f -> command.addAll(List.of("-fw_cfg",
                "name=opt/custody/passphrase,file=" + f.toAbsolutePath())));
        return command;
    }

    /**
     * KVM when /dev/kvm is there and the machine's kernel boots on it, else TCG. Some hosts (nested
     * or sandboxed) expose a /dev/kvm on which QEMU aborts at the first vCPU reset ("failed to set
     * MSR"); on others QEMU runs but the guest's kernel hangs before its first line (a host of
     * 2026-12-07: every boot ran into its 300 s timeout with an empty console, while the same
     * kernel under TCG printed its banner at once). So the kernel alone is started under KVM and
     * must print its banner within {@link #PROBE}. Probed once per process.
     */
    static final class Accelerator {
        private static final Duration PROBE = Duration.ofSeconds(10);
        private static String chosen;

        private Accelerator() {}

        static synchronized String forKernel(Path kernel) {
            if (chosen == null) {
                chosen = Files.isWritable(KVM) && kernelBootsOnKvm(kernel) ? "kvm" : "tcg";
            }
            return chosen;
        }

        static boolean kernelBootsOnKvm(Path kernel) {
            Path console = null;
            Process probe = null;
            try {
                console = Files.createTempFile("custody-kvm-probe", ".log");
                probe = new ProcessBuilder("qemu-system-x86_64", "-machine", "q35", "-accel", "kvm", "-cpu", "max", "-m", "256",
                        "-nodefaults", "-display", "none", "-monitor", "none", "-no-reboot", "-serial", "file:" + console,
                        "-kernel", kernel.toString(), "-append", "console=ttyS0 panic=-1")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                Instant deadline = Instant.now().plus(PROBE);
                while (!printedBanner(console)) {
                    if (!probe.isAlive() || Instant.now().isAfter(deadline)) {
                        return false;
                    }
                    Thread.sleep(50);
                }
                return true;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } finally {
                stopProbe(probe, console);
            }
        }

        private static boolean printedBanner(Path console) throws IOException {
            return Files.readString(console, StandardCharsets.ISO_8859_1).contains("Linux version");
        }

        private static void stopProbe(Process probe, Path console) {
            try {
                if (probe != null) {
                    probe.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
                if (console != null) {
                    Files.deleteIfExists(console);
                }
            } catch (IOException e) {
                // a temporary file left behind is no reason to fail a boot
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Process startSwtpm(QemuMachine machine, QemuDescriptor descriptor, Path socket) throws InterruptedException {
        List<String> command = new ArrayList<>(List.of("swtpm", "socket"));
        if (descriptor.tpmFamily().equals("2.0")) {
            command.add("--tpm2");
        }
        command.addAll(List.of("--tpmstate", "dir=" + machine.tpmState(),
                "--ctrl", "type=unixio,path=" + socket, "--terminate",
                "--log", "file=" + machine.tpmState().resolve("swtpm-qemu.log") + ",level=1"));
        Process swtpm = start(command, machine.tpmState().resolve("swtpm-qemu.out"));
        Instant deadline = Instant.now().plusSeconds(10);
        while (!Files.exists(socket)) {
            if (!swtpm.isAlive() || Instant.now().isAfter(deadline)) {
                swtpm.destroyForcibly();
                throw new IllegalStateException("swtpm did not start for " + machine.tpmState() + " (see "
                        + machine.tpmState().resolve("swtpm-qemu.log") + ")");
            }
            Thread.sleep(20);
        }
        return swtpm;
    }

    private static Process start(List<String> command, Path output) {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(output.toFile())).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command.get(0) + " (" + e.getMessage()
                    + "); install qemu-system-x86 and swtpm");
        }
    }

    /** QEMU first: swtpm ends by itself (--terminate) once QEMU has let go of its socket. */
    private static void stop(Process process) {
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void checkReadable(Path file) {
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("cannot read the disk passphrase file " + file);
        }
    }

    private static String readConsole(QemuMachine machine) {
        try {
            return Files.exists(machine.console())
                    ? new String(Files.readAllBytes(machine.console()), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + machine.console(), e);
        }
    }

    /** Short, in /tmp: a unix socket's path must fit in 108 bytes. */
    private static Path temporaryFolder() {
        try {
            return Files.createTempDirectory(Path.of("/tmp"), "custody-qemu",
                    java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                            java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a folder for the QEMU run in /tmp", e);
        }
    }

    static void deleteTree(Path folder) {
        try (var paths = Files.walk(folder)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException ignored) {
            // A leftover temporary folder in /tmp holds no secret: the initrd copy has seal records only.
        }
    }
}
