package dev.custody.cli;

/** Written by dev.custody.cli.DirectRunIndex from the commands' picocli annotations (DirectRunIndexTest); do not edit. */
public final class DirectRunFields {
    private DirectRunFields() {}

    public static Object mixin(String step, Object target) {
        switch (step) {
            case "dev.custody.cli.MachineOptions#lab" -> {
                var owner = (dev.custody.cli.MachineOptions) target;
                return owner.lab != null ? owner.lab : (owner.lab = new dev.custody.cli.LabMachineOption());
            }
            case "dev.custody.cli.MachineOptions#tpmOptions" -> {
                var owner = (dev.custody.cli.MachineOptions) target;
                return owner.tpmOptions != null ? owner.tpmOptions : (owner.tpmOptions = new dev.custody.cli.tpm.TpmOptions());
            }
            default -> throw new IllegalArgumentException("DirectRun binds no mixin " + step);
        }
    }

    public static void set(String step, Object target, Object value) {
        switch (step) {
            case "dev.custody.cli.JsonOutput#json" -> ((dev.custody.cli.JsonOutput) target).json = (java.lang.Boolean) value;
            case "dev.custody.cli.LabMachineOption#directory" -> ((dev.custody.cli.LabMachineOption) target).directory = (java.nio.file.Path) value;
            case "dev.custody.cli.MachineOptions#boot" -> ((dev.custody.cli.MachineOptions) target).boot = (java.nio.file.Path) value;
            default -> throw new IllegalArgumentException("DirectRun binds no option " + step);
        }
    }
}
