package dev.custody.boot.kexec;

import dev.custody.boot.entry.BootEntry;
import dev.custody.boot.entry.LinuxEntry;
import dev.custody.boot.entry.MultibootEntry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Builds the kexec commands for an entry as Heads' kexec-boot.sh does: GRUB's {@code ---}
 * separator dropped from command lines, the board's parameters added and removed, Xen loaded as a
 * multiboot kernel with its modules and Heads' fixed Xen options.
 */
public final class KexecPlanner {
    /** Linux's COMMAND_LINE_SIZE on x86 is 2048 bytes including the terminating NUL. */
    public static final int MAX_COMMAND_LINE = 2047;
    static final String XEN_OPTIONS = "no-real-mode reboot=no vga=current";

    private KexecPlanner() {}

    /**
     * @param joinedInitrd where several initrds are concatenated, since kexec takes only one
     *                     (early microcode cpio archives work concatenated)
     */
    public static KexecPlan plan(Path boot, BootEntry entry, KernelParameters parameters, Path joinedInitrd) {
        return plan(boot, entry, parameters, joinedInitrd, Optional.empty());
    }

    /**
     * @param initrdOverride an initrd to load instead of the entry's, as Heads' kexec-boot.sh -o:
     *                       the entry's initrds with the disk unlock key's cpio appended
     */
    public static KexecPlan plan(Path boot, BootEntry entry, KernelParameters parameters, Path joinedInitrd,
                                 Optional<Path> initrdOverride) {
        return switch (entry) {
            case LinuxEntry linux -> linux(boot, linux, parameters, joinedInitrd, initrdOverride);
            case MultibootEntry xen -> multiboot(boot, xen, parameters, initrdOverride);
        };
    }

    /** The files holding an entry's initrd: all initrds of a Linux entry, Xen's second module (dom0's initramfs). */
    public static List<String> initrds(BootEntry entry) {
        return switch (entry) {
            case LinuxEntry linux -> linux.initrds();
            case MultibootEntry xen -> xen.modules().size() > 1 ? List.of(xen.modules().get(1).path()) : List.of();
        };
    }

    private static KexecPlan linux(Path boot, LinuxEntry entry, KernelParameters parameters, Path joinedInitrd,
                                   Optional<Path> initrdOverride) {
        List<List<String>> commands = new ArrayList<>();
        List<String> load = new ArrayList<>(List.of("kexec", "-l", file(boot, entry.kernel())));
        if (initrdOverride.isPresent()) {
            load.add("--initrd=" + initrdOverride.get());
        } else if (entry.initrds().size() == 1) {
            load.add("--initrd=" + file(boot, entry.initrds().getFirst()));
        } else if (entry.initrds().size() > 1) {
            List<String> join = new ArrayList<>(List.of("cat"));
            entry.initrds().forEach(i -> join.add(file(boot, i)));
            join.addAll(List.of(">", joinedInitrd.toString()));
            commands.add(join);
            load.add("--initrd=" + joinedInitrd);
        }
        String commandLine = parameters.apply(entry.append());
        load.add("--append=" + commandLine);
        commands.add(load);
        commands.add(List.of("kexec", "-e"));
        return new KexecPlan(commands, commandLine, lengthWarnings("kernel", commandLine));
    }

    private static KexecPlan multiboot(Path boot, MultibootEntry entry, KernelParameters parameters,
                                       Optional<Path> initrdOverride) {
        if (initrdOverride.isPresent() && entry.modules().size() < 2) {
            throw new IllegalArgumentException("the entry '" + entry.name() + "' has no initrd module to replace");
        }
        String xenLine = String.join(" ", nonEmpty(entry.kernelArgs(), XEN_OPTIONS));
        List<String> load = new ArrayList<>(List.of("kexec", "-l", file(boot, entry.kernel()), "--command-line=" + xenLine));
        String dom0Line = "";
        List<String> warnings = new ArrayList<>(lengthWarnings("Xen", xenLine));
        for (int i = 0; i < entry.modules().size(); i++) {
            MultibootEntry.Module module = entry.modules().get(i);
            String args = i == 0 ? parameters.apply(module.args()) : module.args();
            if (i == 0) {
                dom0Line = args;
                warnings.addAll(lengthWarnings("dom0 kernel", args));
            }
            String path = i == 1 && initrdOverride.isPresent() ? initrdOverride.get().toString() : file(boot, module.path());
            load.add("--module=" + String.join(" ", nonEmpty(path, args)));
        }
        return new KexecPlan(List.of(load, List.of("kexec", "-e")), dom0Line, warnings);
    }

    private static List<String> nonEmpty(String... parts) {
        return Arrays.stream(parts).filter(p -> !p.isBlank()).toList();
    }

    private static List<String> lengthWarnings(String what, String commandLine) {
        int bytes = commandLine.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        return bytes > MAX_COMMAND_LINE
                ? List.of("the " + what + " command line is " + bytes + " bytes; the kernel keeps only " + MAX_COMMAND_LINE)
                : List.of();
    }

    /** Entry paths are relative to /boot whatever slashes they start with; one that leaves /boot is never planned. */
    private static String file(Path boot, String path) {
        Path root = boot.toAbsolutePath().normalize();
        Path file = root.resolve(path.replaceFirst("^/+", "")).normalize();
        if (!file.startsWith(root) || file.equals(root)) {
            throw new IllegalArgumentException("the boot entry names " + path + ", which leaves " + boot + "; it is never planned");
        }
        return file.toString();
    }

    /** Heads' CONFIG_BOOT_KERNEL_ADD and CONFIG_BOOT_KERNEL_REMOVE, applied to every command line. */
    public record KernelParameters(List<String> add, Set<String> remove) {
        public static final KernelParameters NONE = new KernelParameters(List.of(), Set.of());

        public KernelParameters {
            add = List.copyOf(add);
            remove = Set.copyOf(remove);
        }

        String apply(String commandLine) {
            List<String> words = new ArrayList<>(Arrays.stream(commandLine.strip().split("\\s+"))
                    .filter(w -> !w.isEmpty() && !w.equals("---") && !remove.contains(w)).toList());
            add.stream().filter(w -> !words.contains(w)).forEach(words::add);
            return words.stream().collect(Collectors.joining(" "));
        }
    }
}
