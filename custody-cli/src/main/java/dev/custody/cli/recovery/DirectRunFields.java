package dev.custody.cli.recovery;

/** Written by dev.custody.cli.DirectRunIndex from the commands' picocli annotations (DirectRunIndexTest); do not edit. */
public final class DirectRunFields {
    private DirectRunFields() {}

    public static Object mixin(String step, Object target) {
        switch (step) {
            case "dev.custody.cli.recovery.RecoveryAuthOffCommand#json" -> {
                var owner = (dev.custody.cli.recovery.RecoveryAuthOffCommand) target;
                return owner.json != null ? owner.json : (owner.json = new dev.custody.cli.JsonOutput());
            }
            case "dev.custody.cli.recovery.RecoveryAuthOffCommand#machineOptions" -> {
                var owner = (dev.custody.cli.recovery.RecoveryAuthOffCommand) target;
                return owner.machineOptions != null ? owner.machineOptions : (owner.machineOptions = new dev.custody.cli.MachineOptions());
            }
            case "dev.custody.cli.recovery.RecoveryAuthOffCommand#ownerPassphrase" -> {
                var owner = (dev.custody.cli.recovery.RecoveryAuthOffCommand) target;
                return owner.ownerPassphrase != null ? owner.ownerPassphrase : (owner.ownerPassphrase = new dev.custody.cli.tpm.PassphraseOptions.Owner());
            }
            default -> throw new IllegalArgumentException("DirectRun binds no mixin " + step);
        }
    }

    public static void set(String step, Object target, Object value) {
        switch (step) {
            default -> throw new IllegalArgumentException("DirectRun binds no option " + step);
        }
    }
}
