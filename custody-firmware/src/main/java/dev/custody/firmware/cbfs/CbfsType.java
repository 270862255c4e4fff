package dev.custody.firmware.cbfs;

import java.util.Arrays;
import java.util.Optional;

/** The type field of a CBFS file header, named the way cbfstool prints it. */
public sealed interface CbfsType permits CbfsType.Known, CbfsType.Unknown {
    int code();

    String cbfstoolName();

    static CbfsType of(int code) {
        return Arrays.stream(Known.values()).filter(k -> k.code == code).<CbfsType>map(k -> k)
                .findFirst().orElseGet(() -> new Unknown(code));
    }

    /** The type cbfstool's {@code -t} option calls {@code name}. */
    static Optional<CbfsType> named(String name) {
        return Arrays.stream(Known.values()).filter(k -> k.cbfstoolName.equals(name)).<CbfsType>map(k -> k).findFirst();
    }

    enum Known implements CbfsType {
        DELETED(0x00, "deleted"),
        BOOTBLOCK(0x01, "bootblock"),
        CBFS_HEADER(0x02, "cbfs header"),
        STAGE(0x11, "stage"),
        SELF(0x20, "simple elf"),
        FIT(0x21, "fit"),
        OPTIONROM(0x30, "optionrom"),
        BOOTSPLASH(0x40, "bootsplash"),
        RAW(0x50, "raw"),
        VSA(0x51, "vsa"),
        MBI(0x52, "mbi"),
        MICROCODE(0x53, "microcode"),
        FSP(0x60, "fsp"),
        MRC(0x61, "mrc"),
        MMA(0x62, "mma"),
        EFI(0x63, "efi"),
        STRUCT(0x70, "struct"),
        CMOS_DEFAULT(0xaa, "cmos_default"),
        SPD(0xab, "spd"),
        MRC_CACHE(0xac, "mrc_cache"),
        CMOS_LAYOUT(0x01aa, "cmos_layout"),
        NULL(0xffffffff, "null");

        private final int code;
        private final String cbfstoolName;

        Known(int code, String cbfstoolName) {
            this.code = code;
            this.cbfstoolName = cbfstoolName;
        }

        @Override
        public int code() {
            return code;
        }

        @Override
        public String cbfstoolName() {
            return cbfstoolName;
        }
    }

    /**
     * A type cbfstool 4.15 has no name for, such as the pre-4.14 stage format (0x10) that older
     * images still carry.
     */
    record Unknown(int code) implements CbfsType {
        @Override
        public String cbfstoolName() {
            return "(unknown)";
        }
    }
}
