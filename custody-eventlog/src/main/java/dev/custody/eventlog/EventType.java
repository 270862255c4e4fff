package dev.custody.eventlog;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The type of a logged event: one the TCG specifications define, or an unknown code kept as is. */
public sealed interface EventType permits EventType.Tcg, EventType.Unknown {

    long code();

    String name();

    static EventType of(long code) {
        Tcg known = Tcg.BY_CODE.get(code);
        return known != null ? known : new Unknown(code);
    }

    /** Types from the TCG PC Client Platform Firmware Profile, section 10.4.1. */
    enum Tcg implements EventType {
        EV_PREBOOT_CERT(0x0),
        EV_POST_CODE(0x1),
        EV_UNUSED(0x2),
        EV_NO_ACTION(0x3),
        EV_SEPARATOR(0x4),
        EV_ACTION(0x5),
        EV_EVENT_TAG(0x6),
        EV_S_CRTM_CONTENTS(0x7),
        EV_S_CRTM_VERSION(0x8),
        EV_CPU_MICROCODE(0x9),
        EV_PLATFORM_CONFIG_FLAGS(0xA),
        EV_TABLE_OF_DEVICES(0xB),
        EV_COMPACT_HASH(0xC),
        EV_IPL(0xD),
        EV_IPL_PARTITION_DATA(0xE),
        EV_NONHOST_CODE(0xF),
        EV_NONHOST_CONFIG(0x10),
        EV_NONHOST_INFO(0x11),
        EV_OMIT_BOOT_DEVICE_EVENTS(0x12),
        EV_POST_CODE2(0x13),
        EV_EFI_VARIABLE_DRIVER_CONFIG(0x80000001L),
        EV_EFI_VARIABLE_BOOT(0x80000002L),
        EV_EFI_BOOT_SERVICES_APPLICATION(0x80000003L),
        EV_EFI_BOOT_SERVICES_DRIVER(0x80000004L),
        EV_EFI_RUNTIME_SERVICES_DRIVER(0x80000005L),
        EV_EFI_GPT_EVENT(0x80000006L),
        EV_EFI_ACTION(0x80000007L),
        EV_EFI_PLATFORM_FIRMWARE_BLOB(0x80000008L),
        EV_EFI_HANDOFF_TABLES(0x80000009L),
        EV_EFI_PLATFORM_FIRMWARE_BLOB2(0x8000000AL),
        EV_EFI_HANDOFF_TABLES2(0x8000000BL),
        EV_EFI_VARIABLE_BOOT2(0x8000000CL),
        EV_EFI_GPT_EVENT2(0x8000000DL),
        EV_EFI_HCRTM_EVENT(0x80000010L),
        EV_EFI_VARIABLE_AUTHORITY(0x800000E0L),
        EV_EFI_SPDM_FIRMWARE_BLOB(0x800000E1L),
        EV_EFI_SPDM_FIRMWARE_CONFIG(0x800000E2L),
        EV_EFI_SPDM_DEVICE_POLICY(0x800000E3L),
        EV_EFI_SPDM_DEVICE_AUTHORITY(0x800000E4L);

        private static final Map<Long, Tcg> BY_CODE =
                Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(Tcg::code, Function.identity()));

        private final long code;

        Tcg(long code) {
            this.code = code;
        }

        @Override
        public long code() {
            return code;
        }
    }

    record Unknown(long code) implements EventType {
        @Override
        public String name() {
            return String.format("EV_UNKNOWN_0x%08x", code);
        }
    }
}
