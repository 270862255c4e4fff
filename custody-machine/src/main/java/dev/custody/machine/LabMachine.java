package dev.custody.machine;

import dev.custody.attest.SealedOtpSecret;
import dev.custody.tpm.SealRecords;
import dev.custody.tpm.TpmSpec;
import java.nio.file.Path;
import java.util.List;

/**
 * A virtual machine in one folder: a software TPM (tpm/), a coreboot-style ROM (rom.bin), a
 * /boot tree (boot/), a LUKS2 disk image (disk.img) and the measurement log of its last power-on.
 */
public record LabMachine(Path directory) implements Machine {
    public LabMachine {
        directory = directory.toAbsolutePath().normalize();
    }

    @Override
    public TpmSpec tpm() {
        return new TpmSpec.Virtual(directory.resolve("tpm"));
    }

    @Override
    public SealRecords sealRecords() {
        return new SealRecords(directory.resolve("state").resolve("seal-records"));
    }

    @Override
    public Path bootDirectory() {
        return directory.resolve("boot");
    }

    public Path rom() {
        return directory.resolve("rom.bin");
    }

    public Path eventLog() {
        return directory.resolve("eventlog.bin");
    }

    public Path disk() {
        return directory.resolve("disk.img");
    }

    @Override
    public String label() {
        return "custody-lab";
    }

    /** Lab machines are coreboot machines: Heads' set. */
    @Override
    public List<Integer> defaultOtpPcrs() {
        return SealedOtpSecret.COREBOOT_PCRS;
    }
}
