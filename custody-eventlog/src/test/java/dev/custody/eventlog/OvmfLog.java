package dev.custody.eventlog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** The log OVMF wrote when QEMU booted Debian's kernel directly (see src/test/resources/ovmf/README.md). */
public final class OvmfLog {
    public static final Path KERNEL = Path.of("/boot/vmlinuz-6.1.0-57-amd64");
    /** What QEMU was given: -m 512 and an initrd of this size. */
    public static final long RAM = 512L << 20;
    public static final long INITRD_SIZE = 1_031_287;
    /** osslsigncode verify's "Calculated message digest" for the kernel file. */
    public static final String KERNEL_SHA256 = "61e79ca0acd7e9f18984bea7b44650801ed54fd95a8786c16c583b86acf9d538";

    private OvmfLog() {}

    public static byte[] log() {
        return resource("ovmf-direct-kernel.bin");
    }

    /** The PCRs the guest read from sysfs at the end of that boot, as tpm2_pcrread prints them. */
    public static PcrValues pcrs() {
        return PcrValues.parse(new String(resource("ovmf-direct-kernel.pcrs.txt"), java.nio.charset.StandardCharsets.US_ASCII));
    }

    /** The kernel the log measured; tests using it are skipped where Debian's 6.1.0-57 kernel is not installed. */
    public static byte[] kernel() {
        Assumptions.assumeTrue(Files.isReadable(KERNEL), KERNEL + " is not installed (apt-get install linux-image-amd64)");
        try {
            return Files.readAllBytes(KERNEL);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] resource(String name) {
        try (var in = OvmfLog.class.getResourceAsStream("/ovmf/" + name)) {
            if (in == null) {
                throw new IllegalStateException("test resource /ovmf/" + name + " missing");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
