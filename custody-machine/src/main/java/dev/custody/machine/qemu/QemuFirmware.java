package dev.custody.machine.qemu;

import dev.custody.common.TerminalText;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The firmware a QEMU lab machine boots with, from Debian's ovmf and seabios packages. */
public enum QemuFirmware {
    OVMF("ovmf", Path.of("/usr/share/OVMF/OVMF_CODE_4M.fd"), Optional.of(Path.of("/usr/share/OVMF/OVMF_VARS_4M.fd"))),
    /** Secure Boot on, Microsoft's keys enrolled; the secboot build needs SMM. */
    OVMF_SECUREBOOT("ovmf-secureboot", Path.of("/usr/share/OVMF/OVMF_CODE_4M.ms.fd"),
            Optional.of(Path.of("/usr/share/OVMF/OVMF_VARS_4M.ms.fd"))),
    SEABIOS("seabios", Path.of("/usr/share/seabios/bios-256k.bin"), Optional.empty());

    /**
     * The TOTP's PCRs under SeaBIOS: what it measures, itself (0), its tables (1), option ROMs (2)
     * and the boot device (4), and the LUKS headers Custody's boot step measures first (6).
     */
    private static final List<Integer> SEABIOS_PCRS = List.of(0, 1, 2, 4, 6);
    /**
     * The TOTP's PCRs under OVMF: firmware (0), its configuration and boot variables (1), option
     * ROMs (2), the kernel (4), the LUKS headers (6) and the Secure Boot state (7). PCR 1 is
     * stable here, unlike on a laptop: nothing in the guest writes boot variables, so every
     * tamper kind stops the code as well as the disk key.
     */
    private static final List<Integer> OVMF_PCRS = List.of(0, 1, 2, 4, 6, 7);
    /** UEFI variables without any Secure Boot key: Secure Boot is off. */
    public static final Path VARS_WITHOUT_KEYS = Path.of("/usr/share/OVMF/OVMF_VARS_4M.fd");
    /** Debian's OVMF builds with SMM (secure boot capable); the plain OVMF_CODE_4M.fd has none. */
    public static final Path SMM_CODE = Path.of("/usr/share/OVMF/OVMF_CODE_4M.secboot.fd");

    private final String label;
    private final Path code;
    private final Optional<Path> vars;

    QemuFirmware(String label, Path code, Optional<Path> vars) {
        this.label = label;
        this.code = code;
        this.vars = vars;
    }

    public String label() {
        return label;
    }

    /** The firmware image shipped by the distribution (OVMF's code part, or SeaBIOS). */
    public Path code() {
        return code;
    }

    /** The vars template a machine gets a copy of; SeaBIOS keeps no variables. */
    public Optional<Path> vars() {
        return vars;
    }

    public boolean uefi() {
        return this != SEABIOS;
    }

    /** The PCRs the TOTP secret is sealed to by default on a machine with this firmware. */
    public List<Integer> otpPcrs() {
        return uefi() ? OVMF_PCRS : SEABIOS_PCRS;
    }

    public static QemuFirmware parse(String text) {
        for (QemuFirmware firmware : values()) {
            if (firmware.label.equals(text.toLowerCase(Locale.ROOT))) {
                return firmware;
            }
        }
        throw new IllegalArgumentException("unknown firmware '" + TerminalText.escape(text) + "' (use ovmf, ovmf-secureboot or seabios)");
    }
}
