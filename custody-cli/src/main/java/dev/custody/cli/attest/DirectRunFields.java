package dev.custody.cli.attest;

/** Written by dev.custody.cli.DirectRunIndex from the commands' picocli annotations (DirectRunIndexTest); do not edit. */
public final class DirectRunFields {
    private DirectRunFields() {}

    public static Object mixin(String step, Object target) {
        switch (step) {
            case "dev.custody.cli.attest.HotpCommand#json" -> {
                var owner = (dev.custody.cli.attest.HotpCommand) target;
                return owner.json != null ? owner.json : (owner.json = new dev.custody.cli.JsonOutput());
            }
            case "dev.custody.cli.attest.HotpCommand#machineOptions" -> {
                var owner = (dev.custody.cli.attest.HotpCommand) target;
                return owner.machineOptions != null ? owner.machineOptions : (owner.machineOptions = new dev.custody.cli.MachineOptions());
            }
            case "dev.custody.cli.attest.HotpCommand#ownerPassphrase" -> {
                var owner = (dev.custody.cli.attest.HotpCommand) target;
                return owner.ownerPassphrase != null ? owner.ownerPassphrase : (owner.ownerPassphrase = new dev.custody.cli.tpm.PassphraseOptions.Owner());
            }
            case "dev.custody.cli.attest.HotpCommand#sealedPcrs" -> {
                var owner = (dev.custody.cli.attest.HotpCommand) target;
                return owner.sealedPcrs != null ? owner.sealedPcrs : (owner.sealedPcrs = new dev.custody.cli.attest.SealedPcrsOption());
            }
            case "dev.custody.cli.attest.TotpCommand#json" -> {
                var owner = (dev.custody.cli.attest.TotpCommand) target;
                return owner.json != null ? owner.json : (owner.json = new dev.custody.cli.JsonOutput());
            }
            case "dev.custody.cli.attest.TotpCommand#machineOptions" -> {
                var owner = (dev.custody.cli.attest.TotpCommand) target;
                return owner.machineOptions != null ? owner.machineOptions : (owner.machineOptions = new dev.custody.cli.MachineOptions());
            }
            case "dev.custody.cli.attest.TotpCommand#sealedPcrs" -> {
                var owner = (dev.custody.cli.attest.TotpCommand) target;
                return owner.sealedPcrs != null ? owner.sealedPcrs : (owner.sealedPcrs = new dev.custody.cli.attest.SealedPcrsOption());
            }
            default -> throw new IllegalArgumentException("DirectRun binds no mixin " + step);
        }
    }

    public static void set(String step, Object target, Object value) {
        switch (step) {
            case "dev.custody.cli.attest.HotpCommand#noKey" -> ((dev.custody.cli.attest.HotpCommand) target).noKey = (java.lang.Boolean) value;
            case "dev.custody.cli.attest.SealedPcrsOption#pcrs" -> ((dev.custody.cli.attest.SealedPcrsOption) target).pcrs = (java.lang.String) value;
            default -> throw new IllegalArgumentException("DirectRun binds no option " + step);
        }
    }
}
