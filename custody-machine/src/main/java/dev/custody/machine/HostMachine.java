package dev.custody.machine;

import dev.custody.attest.SealedOtpSecret;
import dev.custody.tpm.SealRecords;
import dev.custody.tpm.TpmSpec;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The computer Custody runs on. */
public record HostMachine(TpmSpec tpm, SealRecords sealRecords, Path bootDirectory) implements Machine {
    private static final Path BOARD_NAME = Path.of("/sys/class/dmi/id/product_name");
    private static final Path EFI = Path.of("/sys/firmware/efi");

    @Override
    public String label() {
        try {
            if (Files.isReadable(BOARD_NAME)) {
                String board = Files.readString(BOARD_NAME).strip();
                if (!board.isEmpty()) {
                    return board;
                }
            }
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "custody";
        }
    }

    @Override
    public List<Integer> defaultOtpPcrs() {
        return Files.isDirectory(EFI) ? SealedOtpSecret.UEFI_PCRS : SealedOtpSecret.COREBOOT_PCRS;
    }
}
