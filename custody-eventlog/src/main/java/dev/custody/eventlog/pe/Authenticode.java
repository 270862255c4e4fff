package dev.custody.eventlog.pe;

import dev.custody.eventlog.Bytes;
import dev.custody.eventlog.HashAlgorithm;
import dev.custody.eventlog.pe.PeHeader.FileRange;
import java.util.Arrays;

/**
 * The Authenticode digest of an EFI image: what UEFI firmware extends into PCR 4 for an
 * EV_EFI_BOOT_SERVICES_APPLICATION it loads, in any bank.
 */
public final class Authenticode {
    private Authenticode() {}

    public static Bytes digest(byte[] image, HashAlgorithm bank) {
        return digest(image, PeImage.parse(image), bank);
    }

    /** {@code parsed} must be {@code PeImage.parse(image)}; lets one parse serve several banks. */
    public static Bytes digest(byte[] image, PeImage parsed, HashAlgorithm bank) {
        byte[][] parts = parsed.authenticodeRanges().stream()
                .map(range -> slice(image, range))
                .toArray(byte[][]::new);
        return bank.digest(parts);
    }

    private static byte[] slice(byte[] image, FileRange range) {
        return Arrays.copyOfRange(image, (int) range.offset(), (int) range.end());
    }
}
