package dev.custody.eventlog;

import java.util.List;

/** What an event's data means, decoded into human terms. */
public sealed interface EventContent {

    /** One line for the owner, e.g. {@code Boot0001 "debian": HD(1,GPT,...)/\EFI\debian\shimx64.efi}. */
    String describe();

    /**
     * What the event is about, without its value: a file path, a variable name, a CBFS name. Two
     * logs' events with the same subject and different digests mean "this thing changed".
     */
    default String subject() {
        return describe();
    }

    record SpecId(String signature, List<String> banks, String vendor) implements EventContent {
        @Override
        public String describe() {
            return "log header \"" + signature + "\"" + (banks.isEmpty() ? "" : ", banks " + String.join(", ", banks))
                    + (vendor.isEmpty() ? "" : ", " + vendor);
        }
    }

    record StartupLocality(int locality) implements EventContent {
        @Override
        public String describe() {
            return "TPM started at locality " + locality + " (PCR 0 starts at " + locality + ")";
        }
    }

    record Separator(long value) implements EventContent {
        @Override
        public String describe() {
            return value == 0 ? "separator (end of pre-OS measurements)"
                    : value == 0xffffffffL ? "separator signalling an error" : String.format("separator 0x%08x", value);
        }

        @Override
        public String subject() {
            return "separator";
        }
    }

    record Action(String text) implements EventContent {
        @Override
        public String describe() {
            return "action \"" + text + "\"";
        }
    }

    /** A coreboot measurement of a CBFS file (or region), logged by name only. */
    record CbfsFile(String name, String region) implements EventContent {
        @Override
        public String describe() {
            return "CBFS file " + name + (region.isEmpty() ? "" : " (" + region + ")");
        }
    }

    record CrtmVersion(String version) implements EventContent {
        @Override
        public String describe() {
            return "S-CRTM version " + version;
        }

        @Override
        public String subject() {
            return "S-CRTM version";
        }
    }

    record PostCode(String text) implements EventContent {
        @Override
        public String describe() {
            return "POST code " + text;
        }
    }

    record FirmwareBlob(String what, long base, long length) implements EventContent {
        @Override
        public String describe() {
            return String.format("%s at 0x%x, %d bytes", what, base, length);
        }

        @Override
        public String subject() {
            return String.format("%s at 0x%x", what, base);
        }
    }

    /** A UEFI variable; {@code summary} renders its value (SecureBoot state, signature list counts, a boot option). */
    record UefiVariable(String guid, String name, String summary) implements EventContent {
        @Override
        public String describe() {
            return name + (summary.isEmpty() ? "" : ": " + summary);
        }

        @Override
        public String subject() {
            return "UEFI variable " + name;
        }
    }

    record ImageLoad(String kind, DevicePath path, long length) implements EventContent {
        @Override
        public String describe() {
            String where = path.file().filter(f -> !f.equals(path.text())).map(f -> " on " + path.text()).orElse("");
            return kind + " " + path.file().orElse(path.text()) + where;
        }

        @Override
        public String subject() {
            return path.file().orElse(path.text());
        }
    }

    record Gpt(String diskGuid, List<String> partitions) implements EventContent {
        @Override
        public String describe() {
            return "GPT of disk " + diskGuid + ": " + partitions.size() + " partitions ("
                    + String.join(", ", partitions) + ")";
        }

        @Override
        public String subject() {
            return "GPT";
        }
    }

    record Ipl(String text) implements EventContent {
        @Override
        public String describe() {
            return "boot loader: " + text;
        }
    }

    record HandoffTables(List<String> tables) implements EventContent {
        @Override
        public String describe() {
            return "configuration tables " + String.join(", ", tables);
        }
    }

    record Message(String text) implements EventContent {
        @Override
        public String describe() {
            return "\"" + text + "\"";
        }
    }

    /** Data Custody does not decode, shown as hex. */
    record Raw(Bytes data) implements EventContent {
        private static final int SHOWN = 32;

        @Override
        public String describe() {
            if (data.length() == 0) {
                return "(no data)";
            }
            return data.length() <= SHOWN ? "data " + data.hex()
                    : "data " + data.slice(0, SHOWN).hex() + "... (" + data.length() + " bytes)";
        }
    }
}
