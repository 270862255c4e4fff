package dev.custody.eventlog;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Decodes UEFI_VARIABLE_DATA: a variable's GUID, name and value, rendered for the owner. */
final class UefiVariables {
    private static final Set<String> BOOLEANS = Set.of("SecureBoot", "SetupMode", "AuditMode", "DeployedMode");
    private static final Set<String> SIGNATURE_DATABASES =
            Set.of("PK", "KEK", "db", "dbx", "dbt", "dbr", "MokList", "MokListX", "MokListTrusted");
    private static final Pattern BOOT_OPTION = Pattern.compile("(Boot|Driver|SysPrep)[0-9A-Fa-f]{4}");
    private static final Set<String> BOOT_NUMBERS = Set.of("BootCurrent", "BootNext");

    private UefiVariables() {}

    record Variable(String guid, String name, Bytes value) {}

    static Variable read(Bytes data) {
        ByteReader r = new ByteReader(data.toArray());
        r.item("UEFI variable");
        String guid = Guid.read(r, "VariableName");
        long nameLength = r.u64("UnicodeNameLength");
        long valueLength = r.u64("VariableDataLength");
        Bytes name = r.bytes(r.length("UnicodeNameLength", nameLength * 2), "UnicodeName");
        Bytes value = r.bytes(r.length("VariableDataLength", valueLength), "VariableData");
        return new Variable(guid, new String(name.toArray(), StandardCharsets.UTF_16LE), value);
    }

    static EventContent decode(Bytes data, boolean authority) {
        Variable variable = read(data);
        String summary = authority ? authority(variable) : summary(variable);
        return new EventContent.UefiVariable(variable.guid(), variable.name(), summary);
    }

    private static String summary(Variable variable) {
        String name = variable.name();
        Bytes value = variable.value();
        if (BOOLEANS.contains(name) && value.length() == 1) {
            return value.get(0) == 1 ? "enabled" : value.get(0) == 0 ? "disabled" : "value " + value.hex();
        }
        if (SIGNATURE_DATABASES.contains(name)) {
            return signatureLists(value);
        }
        if (BOOT_OPTION.matcher(name).matches()) {
            return loadOption(value);
        }
        if (name.equals("BootOrder") || BOOT_NUMBERS.contains(name)) {
            return bootNumbers(value);
        }
        return Text.ascii(value).map(t -> "\"" + t + "\"").orElse(value.length() + " bytes");
    }

    /**
     * An authority event names the database entry that verified an image: an EFI_SIGNATURE_DATA
     * (owner GUID, then the certificate) from firmware, a bare certificate from shim.
     */
    private static String authority(Variable variable) {
        Bytes value = variable.value();
        if (value.length() > 16 + 4) {
            String withOwner = EventDecoder.certificate(value.slice(16, value.length()));
            return "verified by " + (withOwner.endsWith("unreadable)") ? EventDecoder.certificate(value) : withOwner);
        }
        return Text.ascii(value).map(t -> "\"" + t + "\"").orElse(value.hex());
    }

    private static String signatureLists(Bytes value) {
        if (value.length() == 0) {
            return "empty";
        }
        ByteReader r = new ByteReader(value.toArray());
        r.item("signature list");
        List<String> certificates = new ArrayList<>();
        int hashes = 0;
        while (r.remaining() > 0) {
            String type = Guid.read(r, "SignatureType");
            long listSize = r.u32("SignatureListSize");
            long headerSize = r.u32("SignatureHeaderSize");
            long signatureSize = r.u32("SignatureSize");
            if (signatureSize <= 16 || listSize < 28 + headerSize) {
                throw new MalformedLogException("signature list has impossible sizes");
            }
            r.skip(headerSize, "SignatureHeader");
            long count = (listSize - 28 - headerSize) / signatureSize;
            for (long i = 0; i < count; i++) {
                r.skip(16, "SignatureOwner");
                Bytes signature = r.bytes(signatureSize - 16, "SignatureData");
                if (EventDecoder.isX509(type)) {
                    certificates.add(EventDecoder.certificate(signature));
                } else {
                    hashes++;
                }
            }
        }
        List<String> parts = new ArrayList<>(certificates);
        if (hashes > 0) {
            parts.add(hashes + " hash" + (hashes == 1 ? "" : "es"));
        }
        return String.join("; ", parts);
    }

    private static String loadOption(Bytes value) {
        ByteReader r = new ByteReader(value.toArray());
        r.item("EFI_LOAD_OPTION");
        long attributes = r.u32("Attributes");
        int pathLength = r.u16("FilePathListLength");
        String description = Text.utf16z(r, "Description");
        DevicePath path = DevicePath.parse(r.bytes(pathLength, "FilePathList"));
        return "\"" + description + "\" " + path.text() + ((attributes & 1) == 0 ? " (inactive)" : "");
    }

    private static String bootNumbers(Bytes value) {
        ByteReader r = new ByteReader(value.toArray());
        List<String> numbers = new ArrayList<>();
        while (r.remaining() >= 2) {
            numbers.add(String.format("%04X", r.u16("boot option number")));
        }
        return String.join(",", numbers);
    }

    /** The variable's value, over which firmware computes EV_EFI_VARIABLE_BOOT digests. */
    static Optional<Bytes> value(Bytes data) {
        try {
            return Optional.of(read(data).value());
        } catch (MalformedLogException e) {
            return Optional.empty();
        }
    }
}
