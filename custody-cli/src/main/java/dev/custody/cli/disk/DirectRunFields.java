package dev.custody.cli.disk;

/** Written by dev.custody.cli.DirectRunIndex from the commands' picocli annotations (DirectRunIndexTest); do not edit. */
public final class DirectRunFields {
    private DirectRunFields() {}

    public static Object mixin(String step, Object target) {
        switch (step) {
            case "dev.custody.cli.disk.DiskKeyStatusCommand#json" -> {
                var owner = (dev.custody.cli.disk.DiskKeyStatusCommand) target;
                return owner.json != null ? owner.json : (owner.json = new dev.custody.cli.JsonOutput());
            }
            case "dev.custody.cli.disk.DiskKeyStatusCommand#machineOptions" -> {
                var owner = (dev.custody.cli.disk.DiskKeyStatusCommand) target;
                return owner.machineOptions != null ? owner.machineOptions : (owner.machineOptions = new dev.custody.cli.MachineOptions());
            }
            case "dev.custody.cli.disk.DiskKeyUnsealCommand#machineOptions" -> {
                var owner = (dev.custody.cli.disk.DiskKeyUnsealCommand) target;
                return owner.machineOptions != null ? owner.machineOptions : (owner.machineOptions = new dev.custody.cli.MachineOptions());
            }
            default -> throw new IllegalArgumentException("DirectRun binds no mixin " + step);
        }
    }

    public static void set(String step, Object target, Object value) {
        switch (step) {
            case "dev.custody.cli.disk.DiskKeyUnsealCommand#out" -> ((dev.custody.cli.disk.DiskKeyUnsealCommand) target).out = (java.nio.file.Path) value;
            case "dev.custody.cli.disk.DiskKeyUnsealCommand#passphraseFile" -> ((dev.custody.cli.disk.DiskKeyUnsealCommand) target).passphraseFile = (java.nio.file.Path) value;
            default -> throw new IllegalArgumentException("DirectRun binds no option " + step);
        }
    }
}
