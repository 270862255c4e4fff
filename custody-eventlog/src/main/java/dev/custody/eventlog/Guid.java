package dev.custody.eventlog;

import java.util.Map;

/** EFI GUIDs: the first three fields are little-endian, the rest is a byte string. */
final class Guid {
    private static final Map<String, String> NAMES = Map.of(
            "8be4df61-93ca-11d2-aa0d-00e098032b8c", "EFI global variable",
            "d719b2cb-3d3a-4596-a3bc-dad00e67656f", "EFI image security database",
            "605dab50-e046-4300-abb6-3dd810dd8b23", "shim",
            "a5c059a1-94e4-4aa7-87b5-ab155c2bf072", "X.509 certificate",
            "c1c41626-504c-4092-aca9-41f936934328", "SHA-256 hash",
            "77fa9abd-0359-4d32-bd60-28f4e78f784b", "Microsoft");

    private Guid() {}

    static String read(ByteReader reader, String field) {
        long a = reader.u32(field);
        int b = reader.u16(field);
        int c = reader.u16(field);
        String tail = reader.bytes(8, field).hex();
        return String.format("%08x-%04x-%04x-%s-%s", a, b, c, tail.substring(0, 4), tail.substring(4));
    }

    static String read(Bytes data) {
        return read(new ByteReader(data.toArray()), "guid");
    }

    static String named(String guid) {
        String name = NAMES.get(guid);
        return name == null ? guid : name;
    }
}
