package dev.custody.cli.menu;

/** Written by dev.custody.cli.DirectRunIndex from the commands' picocli annotations (DirectRunIndexTest); do not edit. */
public final class DirectRunFields {
    private DirectRunFields() {}

    public static Object mixin(String step, Object target) {
        switch (step) {
            case "dev.custody.cli.menu.MenuCommand#machineOptions" -> {
                var owner = (dev.custody.cli.menu.MenuCommand) target;
                return owner.machineOptions != null ? owner.machineOptions : (owner.machineOptions = new dev.custody.cli.MachineOptions());
            }
            case "dev.custody.cli.menu.MenuCommand#policyOption" -> {
                var owner = (dev.custody.cli.menu.MenuCommand) target;
                return owner.policyOption != null ? owner.policyOption : (owner.policyOption = new dev.custody.cli.boot.PolicyOption());
            }
            default -> throw new IllegalArgumentException("DirectRun binds no mixin " + step);
        }
    }

    public static void set(String step, Object target, Object value) {
        switch (step) {
            case "dev.custody.cli.menu.MenuCommand#gpgHome" -> ((dev.custody.cli.menu.MenuCommand) target).gpgHome = (java.nio.file.Path) value;
            case "dev.custody.cli.menu.MenuCommand#key" -> ((dev.custody.cli.menu.MenuCommand) target).key = (java.nio.file.Path) value;
            case "dev.custody.cli.menu.MenuCommand#keyring" -> ((dev.custody.cli.menu.MenuCommand) target).keyring = (java.nio.file.Path) value;
            case "dev.custody.cli.menu.MenuCommand#planFile" -> ((dev.custody.cli.menu.MenuCommand) target).planFile = (java.nio.file.Path) value;
            default -> throw new IllegalArgumentException("DirectRun binds no option " + step);
        }
    }
}
