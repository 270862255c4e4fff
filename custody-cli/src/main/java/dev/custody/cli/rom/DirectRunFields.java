package dev.custody.cli.rom;

/** Written by dev.custody.cli.DirectRunIndex from the commands' picocli annotations (DirectRunIndexTest); do not edit. */
public final class DirectRunFields {
    private DirectRunFields() {}

    public static Object mixin(String step, Object target) {
        switch (step) {
            case "dev.custody.cli.rom.AddCommand#edit" -> {
                var owner = (dev.custody.cli.rom.AddCommand) target;
                return owner.edit != null ? owner.edit : (owner.edit = new dev.custody.cli.rom.CbfsEdit());
            }
            case "dev.custody.cli.rom.AddCommand#rom" -> {
                var owner = (dev.custody.cli.rom.AddCommand) target;
                return owner.rom != null ? owner.rom : (owner.rom = new dev.custody.cli.rom.RomImage());
            }
            case "dev.custody.cli.rom.CbfsEdit#output" -> {
                var owner = (dev.custody.cli.rom.CbfsEdit) target;
                return owner.output != null ? owner.output : (owner.output = new dev.custody.cli.rom.RomOutput());
            }
            case "dev.custody.cli.rom.CbfsEdit#region" -> {
                var owner = (dev.custody.cli.rom.CbfsEdit) target;
                return owner.region != null ? owner.region : (owner.region = new dev.custody.cli.rom.RegionOption());
            }
            case "dev.custody.cli.rom.InspectCommand#json" -> {
                var owner = (dev.custody.cli.rom.InspectCommand) target;
                return owner.json != null ? owner.json : (owner.json = new dev.custody.cli.JsonOutput());
            }
            case "dev.custody.cli.rom.InspectCommand#rom" -> {
                var owner = (dev.custody.cli.rom.InspectCommand) target;
                return owner.rom != null ? owner.rom : (owner.rom = new dev.custody.cli.rom.RomImage());
            }
            case "dev.custody.cli.rom.ReadCommand#flashrom" -> {
                var owner = (dev.custody.cli.rom.ReadCommand) target;
                return owner.flashrom != null ? owner.flashrom : (owner.flashrom = new dev.custody.cli.rom.FlashromOptions());
            }
            case "dev.custody.cli.rom.RemoveCommand#edit" -> {
                var owner = (dev.custody.cli.rom.RemoveCommand) target;
                return owner.edit != null ? owner.edit : (owner.edit = new dev.custody.cli.rom.CbfsEdit());
            }
            case "dev.custody.cli.rom.RemoveCommand#rom" -> {
                var owner = (dev.custody.cli.rom.RemoveCommand) target;
                return owner.rom != null ? owner.rom : (owner.rom = new dev.custody.cli.rom.RomImage());
            }
            default -> throw new IllegalArgumentException("DirectRun binds no mixin " + step);
        }
    }

    public static void set(String step, Object target, Object value) {
        switch (step) {
            case "dev.custody.cli.rom.AddCommand#alignment" -> ((dev.custody.cli.rom.AddCommand) target).alignment = (java.lang.Integer) value;
            case "dev.custody.cli.rom.AddCommand#compression" -> ((dev.custody.cli.rom.AddCommand) target).compression = (java.lang.String) value;
            case "dev.custody.cli.rom.AddCommand#file" -> ((dev.custody.cli.rom.AddCommand) target).file = (java.nio.file.Path) value;
            case "dev.custody.cli.rom.AddCommand#hash" -> ((dev.custody.cli.rom.AddCommand) target).hash = (java.lang.Boolean) value;
            case "dev.custody.cli.rom.AddCommand#name" -> ((dev.custody.cli.rom.AddCommand) target).name = (java.lang.String) value;
            case "dev.custody.cli.rom.AddCommand#replace" -> ((dev.custody.cli.rom.AddCommand) target).replace = (java.lang.Boolean) value;
            case "dev.custody.cli.rom.AddCommand#type" -> ((dev.custody.cli.rom.AddCommand) target).type = (java.lang.String) value;
            case "dev.custody.cli.rom.FlashromOptions#chip" -> ((dev.custody.cli.rom.FlashromOptions) target).chip = (java.util.Optional<java.lang.String>) value;
            case "dev.custody.cli.rom.FlashromOptions#programmer" -> ((dev.custody.cli.rom.FlashromOptions) target).programmer = (java.lang.String) value;
            case "dev.custody.cli.rom.ReadCommand#output" -> ((dev.custody.cli.rom.ReadCommand) target).output = (java.nio.file.Path) value;
            case "dev.custody.cli.rom.RegionOption#region" -> ((dev.custody.cli.rom.RegionOption) target).region = (java.util.Optional<java.lang.String>) value;
            case "dev.custody.cli.rom.RemoveCommand#name" -> ((dev.custody.cli.rom.RemoveCommand) target).name = (java.lang.String) value;
            case "dev.custody.cli.rom.RomImage#path" -> ((dev.custody.cli.rom.RomImage) target).path = (java.nio.file.Path) value;
            case "dev.custody.cli.rom.RomOutput#output" -> ((dev.custody.cli.rom.RomOutput) target).output = (java.util.Optional<java.nio.file.Path>) value;
            default -> throw new IllegalArgumentException("DirectRun binds no option " + step);
        }
    }
}
