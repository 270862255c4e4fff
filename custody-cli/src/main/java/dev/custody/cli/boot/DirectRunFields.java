package dev.custody.cli.boot;

/** Written by dev.custody.cli.DirectRunIndex from the commands' picocli annotations (DirectRunIndexTest); do not edit. */
public final class DirectRunFields {
    private DirectRunFields() {}

    public static Object mixin(String step, Object target) {
        switch (step) {
            case "dev.custody.cli.boot.ChangesCommand#boot" -> {
                var owner = (dev.custody.cli.boot.ChangesCommand) target;
                return owner.boot != null ? owner.boot : (owner.boot = new dev.custody.cli.boot.BootDirectory());
            }
            case "dev.custody.cli.boot.ChangesCommand#output" -> {
                var owner = (dev.custody.cli.boot.ChangesCommand) target;
                return owner.output != null ? owner.output : (owner.output = new dev.custody.cli.JsonOutput());
            }
            case "dev.custody.cli.boot.EntriesCommand#boot" -> {
                var owner = (dev.custody.cli.boot.EntriesCommand) target;
                return owner.boot != null ? owner.boot : (owner.boot = new dev.custody.cli.boot.BootDirectory());
            }
            case "dev.custody.cli.boot.EntriesCommand#output" -> {
                var owner = (dev.custody.cli.boot.EntriesCommand) target;
                return owner.output != null ? owner.output : (owner.output = new dev.custody.cli.JsonOutput());
            }
            case "dev.custody.cli.boot.ResealCommand#json" -> {
                var owner = (dev.custody.cli.boot.ResealCommand) target;
                return owner.json != null ? owner.json : (owner.json = new dev.custody.cli.JsonOutput());
            }
            case "dev.custody.cli.boot.ResealCommand#machineOptions" -> {
                var owner = (dev.custody.cli.boot.ResealCommand) target;
                return owner.machineOptions != null ? owner.machineOptions : (owner.machineOptions = new dev.custody.cli.MachineOptions());
            }
            case "dev.custody.cli.boot.ResealCommand#ownerPassphrase" -> {
                var owner = (dev.custody.cli.boot.ResealCommand) target;
                return owner.ownerPassphrase != null ? owner.ownerPassphrase : (owner.ownerPassphrase = new dev.custody.cli.tpm.PassphraseOptions.Owner());
            }
            case "dev.custody.cli.boot.RootHashesCommand#boot" -> {
                var owner = (dev.custody.cli.boot.RootHashesCommand) target;
                return owner.boot != null ? owner.boot : (owner.boot = new dev.custody.cli.boot.BootDirectory());
            }
            case "dev.custody.cli.boot.RootHashesCommand#output" -> {
                var owner = (dev.custody.cli.boot.RootHashesCommand) target;
                return owner.output != null ? owner.output : (owner.output = new dev.custody.cli.JsonOutput());
            }
            case "dev.custody.cli.boot.RootHashesCommand#policyOption" -> {
                var owner = (dev.custody.cli.boot.RootHashesCommand) target;
                return owner.policyOption != null ? owner.policyOption : (owner.policyOption = new dev.custody.cli.boot.PolicyOption());
            }
            case "dev.custody.cli.boot.UnlockCommand#tpmOptions" -> {
                var owner = (dev.custody.cli.boot.UnlockCommand) target;
                return owner.tpmOptions != null ? owner.tpmOptions : (owner.tpmOptions = new dev.custody.cli.tpm.TpmOptions());
            }
            case "dev.custody.cli.boot.VerifyCommand#boot" -> {
                var owner = (dev.custody.cli.boot.VerifyCommand) target;
                return owner.boot != null ? owner.boot : (owner.boot = new dev.custody.cli.boot.BootDirectory());
            }
            case "dev.custody.cli.boot.VerifyCommand#output" -> {
                var owner = (dev.custody.cli.boot.VerifyCommand) target;
                return owner.output != null ? owner.output : (owner.output = new dev.custody.cli.JsonOutput());
            }
            case "dev.custody.cli.boot.VerifyCommand#policyOption" -> {
                var owner = (dev.custody.cli.boot.VerifyCommand) target;
                return owner.policyOption != null ? owner.policyOption : (owner.policyOption = new dev.custody.cli.boot.PolicyOption());
            }
            case "dev.custody.cli.boot.VerifyCommand#tpmOptions" -> {
                var owner = (dev.custody.cli.boot.VerifyCommand) target;
                return owner.tpmOptions != null ? owner.tpmOptions : (owner.tpmOptions = new dev.custody.cli.tpm.TpmOptions());
            }
            default -> throw new IllegalArgumentException("DirectRun binds no mixin " + step);
        }
    }

    public static void set(String step, Object target, Object value) {
        switch (step) {
            case "dev.custody.cli.boot.BootDirectory#boot" -> ((dev.custody.cli.boot.BootDirectory) target).boot = (java.nio.file.Path) value;
            case "dev.custody.cli.boot.PolicyOption#file" -> ((dev.custody.cli.boot.PolicyOption) target).file = (java.nio.file.Path) value;
            case "dev.custody.cli.boot.ResealCommand#diskPassphrase" -> ((dev.custody.cli.boot.ResealCommand) target).diskPassphrase = (java.nio.file.Path) value;
            case "dev.custody.cli.boot.ResealCommand#kernel" -> ((dev.custody.cli.boot.ResealCommand) target).kernel = (java.nio.file.Path) value;
            case "dev.custody.cli.boot.ResealCommand#replaces" -> ((dev.custody.cli.boot.ResealCommand) target).replaces = (java.nio.file.Path) value;
            case "dev.custody.cli.boot.RootHashesCommand#check" -> ((dev.custody.cli.boot.RootHashesCommand) target).check = (java.lang.Boolean) value;
            case "dev.custody.cli.boot.RootHashesCommand#keyring" -> ((dev.custody.cli.boot.RootHashesCommand) target).keyring = (java.nio.file.Path) value;
            case "dev.custody.cli.boot.RootHashesCommand#root" -> ((dev.custody.cli.boot.RootHashesCommand) target).root = (java.nio.file.Path) value;
            case "dev.custody.cli.boot.UnlockCommand#boot" -> ((dev.custody.cli.boot.UnlockCommand) target).boot = (java.nio.file.Path) value;
            case "dev.custody.cli.boot.UnlockCommand#checkOnly" -> ((dev.custody.cli.boot.UnlockCommand) target).checkOnly = (java.lang.Boolean) value;
            case "dev.custody.cli.boot.UnlockCommand#name" -> ((dev.custody.cli.boot.UnlockCommand) target).name = (java.lang.String) value;
            case "dev.custody.cli.boot.UnlockCommand#noPrompt" -> ((dev.custody.cli.boot.UnlockCommand) target).noPrompt = (java.lang.Boolean) value;
            case "dev.custody.cli.boot.UnlockCommand#passphraseFile" -> ((dev.custody.cli.boot.UnlockCommand) target).passphraseFile = (java.nio.file.Path) value;
            case "dev.custody.cli.boot.VerifyCommand#keyringFile" -> ((dev.custody.cli.boot.VerifyCommand) target).keyringFile = (java.nio.file.Path) value;
            case "dev.custody.cli.boot.VerifyCommand#requireRollback" -> ((dev.custody.cli.boot.VerifyCommand) target).requireRollback = (java.lang.Boolean) value;
            default -> throw new IllegalArgumentException("DirectRun binds no option " + step);
        }
    }
}
