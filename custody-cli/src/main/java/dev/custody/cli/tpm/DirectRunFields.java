package dev.custody.cli.tpm;

/** Written by dev.custody.cli.DirectRunIndex from the commands' picocli annotations (DirectRunIndexTest); do not edit. */
public final class DirectRunFields {
    private DirectRunFields() {}

    public static Object mixin(String step, Object target) {
        switch (step) {
            case "dev.custody.cli.tpm.InfoCommand#json" -> {
                var owner = (dev.custody.cli.tpm.InfoCommand) target;
                return owner.json != null ? owner.json : (owner.json = new dev.custody.cli.JsonOutput());
            }
            case "dev.custody.cli.tpm.InfoCommand#tpmOptions" -> {
                var owner = (dev.custody.cli.tpm.InfoCommand) target;
                return owner.tpmOptions != null ? owner.tpmOptions : (owner.tpmOptions = new dev.custody.cli.tpm.TpmOptions());
            }
            case "dev.custody.cli.tpm.PowerCycleCommand#json" -> {
                var owner = (dev.custody.cli.tpm.PowerCycleCommand) target;
                return owner.json != null ? owner.json : (owner.json = new dev.custody.cli.JsonOutput());
            }
            case "dev.custody.cli.tpm.PowerCycleCommand#tpmOptions" -> {
                var owner = (dev.custody.cli.tpm.PowerCycleCommand) target;
                return owner.tpmOptions != null ? owner.tpmOptions : (owner.tpmOptions = new dev.custody.cli.tpm.TpmOptions());
            }
            default -> throw new IllegalArgumentException("DirectRun binds no mixin " + step);
        }
    }

    public static void set(String step, Object target, Object value) {
        switch (step) {
            case "dev.custody.cli.tpm.PassphraseOptions$Owner#file" -> ((dev.custody.cli.tpm.PassphraseOptions.Owner) target).file = (java.nio.file.Path) value;
            case "dev.custody.cli.tpm.TpmOptions#spec" -> ((dev.custody.cli.tpm.TpmOptions) target).spec = (java.lang.String) value;
            case "dev.custody.cli.tpm.TpmOptions#stateDirectory" -> ((dev.custody.cli.tpm.TpmOptions) target).stateDirectory = (java.nio.file.Path) value;
            default -> throw new IllegalArgumentException("DirectRun binds no option " + step);
        }
    }
}
