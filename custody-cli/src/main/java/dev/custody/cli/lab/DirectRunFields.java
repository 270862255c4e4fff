package dev.custody.cli.lab;

/** Written by dev.custody.cli.DirectRunIndex from the commands' picocli annotations (DirectRunIndexTest); do not edit. */
public final class DirectRunFields {
    private DirectRunFields() {}

    public static Object mixin(String step, Object target) {
        switch (step) {
            case "dev.custody.cli.lab.LabCreateCommand#output" -> {
                var owner = (dev.custody.cli.lab.LabCreateCommand) target;
                return owner.output != null ? owner.output : (owner.output = new dev.custody.cli.JsonOutput());
            }
            case "dev.custody.cli.lab.LabInstallKernelCommand#output" -> {
                var owner = (dev.custody.cli.lab.LabInstallKernelCommand) target;
                return owner.output != null ? owner.output : (owner.output = new dev.custody.cli.JsonOutput());
            }
            case "dev.custody.cli.lab.LabInstallKernelCommand#ownerPassphrase" -> {
                var owner = (dev.custody.cli.lab.LabInstallKernelCommand) target;
                return owner.ownerPassphrase != null ? owner.ownerPassphrase : (owner.ownerPassphrase = new dev.custody.cli.tpm.PassphraseOptions.Owner());
            }
            case "dev.custody.cli.lab.LabPowerOnCommand#output" -> {
                var owner = (dev.custody.cli.lab.LabPowerOnCommand) target;
                return owner.output != null ? owner.output : (owner.output = new dev.custody.cli.JsonOutput());
            }
            case "dev.custody.cli.lab.LabStatusCommand#output" -> {
                var owner = (dev.custody.cli.lab.LabStatusCommand) target;
                return owner.output != null ? owner.output : (owner.output = new dev.custody.cli.JsonOutput());
            }
            case "dev.custody.cli.lab.LabStopCommand#json" -> {
                var owner = (dev.custody.cli.lab.LabStopCommand) target;
                return owner.json != null ? owner.json : (owner.json = new dev.custody.cli.JsonOutput());
            }
            case "dev.custody.cli.lab.LabTamperCommand#output" -> {
                var owner = (dev.custody.cli.lab.LabTamperCommand) target;
                return owner.output != null ? owner.output : (owner.output = new dev.custody.cli.JsonOutput());
            }
            default -> throw new IllegalArgumentException("DirectRun binds no mixin " + step);
        }
    }

    public static void set(String step, Object target, Object value) {
        switch (step) {
            case "dev.custody.cli.lab.LabCreateCommand#directory" -> ((dev.custody.cli.lab.LabCreateCommand) target).directory = (java.nio.file.Path) value;
            case "dev.custody.cli.lab.LabCreateCommand#firmware" -> ((dev.custody.cli.lab.LabCreateCommand) target).firmware = (java.lang.String) value;
            case "dev.custody.cli.lab.LabCreateCommand#initrd" -> ((dev.custody.cli.lab.LabCreateCommand) target).initrd = (java.nio.file.Path) value;
            case "dev.custody.cli.lab.LabCreateCommand#kernel" -> ((dev.custody.cli.lab.LabCreateCommand) target).kernel = (java.nio.file.Path) value;
            case "dev.custody.cli.lab.LabCreateCommand#packageRoot" -> ((dev.custody.cli.lab.LabCreateCommand) target).packageRoot = (java.nio.file.Path) value;
            case "dev.custody.cli.lab.LabCreateCommand#timeoutSeconds" -> ((dev.custody.cli.lab.LabCreateCommand) target).timeoutSeconds = (java.lang.Long) value;
            case "dev.custody.cli.lab.LabCreateCommand#tpmVersion" -> ((dev.custody.cli.lab.LabCreateCommand) target).tpmVersion = (java.lang.String) value;
            case "dev.custody.cli.lab.LabDemoCommand#directory" -> ((dev.custody.cli.lab.LabDemoCommand) target).directory = (java.nio.file.Path) value;
            case "dev.custody.cli.lab.LabDemoCommand#tpmVersion" -> ((dev.custody.cli.lab.LabDemoCommand) target).tpmVersion = (java.lang.String) value;
            case "dev.custody.cli.lab.LabInstallKernelCommand#directory" -> ((dev.custody.cli.lab.LabInstallKernelCommand) target).directory = (java.nio.file.Path) value;
            case "dev.custody.cli.lab.LabInstallKernelCommand#diskPassphrase" -> ((dev.custody.cli.lab.LabInstallKernelCommand) target).diskPassphrase = (java.nio.file.Path) value;
            case "dev.custody.cli.lab.LabInstallKernelCommand#kernel" -> ((dev.custody.cli.lab.LabInstallKernelCommand) target).kernel = (java.nio.file.Path) value;
            case "dev.custody.cli.lab.LabPowerOnCommand#directory" -> ((dev.custody.cli.lab.LabPowerOnCommand) target).directory = (java.nio.file.Path) value;
            case "dev.custody.cli.lab.LabPowerOnCommand#diskPassphrase" -> ((dev.custody.cli.lab.LabPowerOnCommand) target).diskPassphrase = (java.nio.file.Path) value;
            case "dev.custody.cli.lab.LabPowerOnCommand#timeoutSeconds" -> ((dev.custody.cli.lab.LabPowerOnCommand) target).timeoutSeconds = (java.lang.Long) value;
            case "dev.custody.cli.lab.LabStatusCommand#directory" -> ((dev.custody.cli.lab.LabStatusCommand) target).directory = (java.nio.file.Path) value;
            case "dev.custody.cli.lab.LabStopCommand#directory" -> ((dev.custody.cli.lab.LabStopCommand) target).directory = (java.nio.file.Path) value;
            case "dev.custody.cli.lab.LabTamperCommand#directory" -> ((dev.custody.cli.lab.LabTamperCommand) target).directory = (java.nio.file.Path) value;
            case "dev.custody.cli.lab.LabTamperCommand#what" -> ((dev.custody.cli.lab.LabTamperCommand) target).what = (dev.custody.machine.lab.Tamper) value;
            default -> throw new IllegalArgumentException("DirectRun binds no option " + step);
        }
    }
}
