package dev.custody.machine.qemu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custody.common.AtomicFiles;
import dev.custody.common.TerminalText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What kind of QEMU machine a folder holds, in DIR/qemu-machine.json: its firmware, its TPM family,
 * and whether the firmware code in the folder needs SMM (Debian's secure-boot builds do).
 */
public record QemuDescriptor(QemuFirmware firmware, String tpmFamily, boolean smm) {
    public static final String FILE = "qemu-machine.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    public QemuDescriptor {
        if (!tpmFamily.equals("2.0") && !tpmFamily.equals("1.2")) {
            throw new IllegalArgumentException("unknown TPM version '" + TerminalText.escape(tpmFamily) + "' (use 2.0 or 1.2)");
        }
    }

    public static QemuDescriptor read(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage());
        }
    }

    /** The descriptor's JSON; every field is required, so a damaged file is refused rather than guessed. */
    public static QemuDescriptor parse(String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON");
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        return new QemuDescriptor(QemuFirmware.parse(text(node, "firmware")), text(node, "tpmVersion"),
                flag(node, "smm"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("the field '" + field + "' is missing or not text");
        }
        return value.asText();
    }

    private static boolean flag(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isBoolean()) {
            throw new IllegalArgumentException("the field '" + field + "' is missing or not true/false");
        }
        return value.asBoolean();
    }

    public void write(Path file) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("firmware", firmware.label());
        out.put("tpmVersion", tpmFamily);
        out.put("smm", smm);
        try {
            AtomicFiles.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(out) + "\n");
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + file, e);
        }
    }

    public QemuDescriptor withSmm(boolean needsSmm) {
        return new QemuDescriptor(firmware, tpmFamily, needsSmm);
    }
}
