package dev.custody.firmware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custody.firmware.predict.MeasurementPredictor;
import dev.custody.firmware.predict.PcrPrediction;
import dev.custody.firmware.predict.PredictedEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Predicted PCRs equal an independent replay over what cbfstool extracts. */
class PredictionTest {
    @TempDir
    Path dir;
    Path image;

    @BeforeEach
    void buildHeadsLikeImage() throws IOException {
        image = TestImages.fmapImage(dir, "heads.rom", """
                FLASH 2M {
                  BIOS@0 2M {
                    FMAP@0 0x200
                    COREBOOT(CBFS)
                  }
                }
                """, "COREBOOT");
        TestImages.write(dir, "stage.bin", TestImages.random(21, 40000));
        TestImages.write(dir, "text.bin", TestImages.text(3000));
        TestImages.write(dir, "key.bin", TestImages.random(22, 900));
        TestImages.add(image, "-f", "stage.bin", "-n", "fallback/romstage", "-t", "stage");
        TestImages.add(image, "-f", "text.bin", "-n", "fallback/ramstage", "-t", "stage", "-c", "lzma");
        TestImages.add(image, "-f", "key.bin", "-n", "heads/initrd/.gnupg/pubring.kbx", "-t", "raw");
        TestImages.add(image, "-f", "text.bin", "-n", "heads/initrd/etc/config.user", "-t", "raw");
        TestImages.add(image, "-f", "text.bin", "-n", "heads/other", "-t", "raw");
        CorebootTools.run(dir, "cbfstool", image.toString(), "add-flat-binary", "-f", "text.bin", "-n", "fallback/payload",
                "-l", "0x100000", "-e", "0x100000", "-c", "lzma");
        TestImages.add(image, "-f", "stage.bin", "-n", "bootblock", "-t", "bootblock");
    }

    @Test
    void pcr2WithTheStandardSequenceEqualsReplayOfCbfstoolExtractU() throws IOException {
        PcrPrediction prediction = MeasurementPredictor.predict(FirmwareImage.read(image));
        List<String> sequence = List.of("bootblock", "fallback/romstage", "fallback/ramstage", "fallback/payload");
        assertThat(prediction.events().stream().filter(e -> e.pcr() == 2).map(PredictedEvent::description))
                .containsExactly("CBFS: bootblock", "CBFS: fallback/romstage", "CBFS: fallback/ramstage", "CBFS: fallback/payload");
        assertThat(prediction.pcrsHex().get(2)).isEqualTo(replay(sequence.stream().map(n -> sha256(extract(n, true))).toList()));
    }

    /** The CBFS names of a coreboot log (read from the log by the CLI, through custody-eventlog). */
    @Test
    void pcr2FollowsTheSequenceOfACorebootLog() throws IOException {
        List<String> names = List.of("bootblock", "fallback/romstage", "fallback/payload");
        PcrPrediction prediction = MeasurementPredictor.predict(FirmwareImage.read(image), names);
        assertThat(prediction.pcrsHex().get(2)).isEqualTo(replay(names.stream().map(n -> sha256(extract(n, true))).toList()));
        assertThatThrownBy(() -> MeasurementPredictor.predict(FirmwareImage.read(image), List.of("fallback/verstage")))
                .hasMessageContaining("'fallback/verstage'");
    }

    @Test
    void pcr7FollowsHeadsCbfsInit() throws IOException {
        PcrPrediction prediction = MeasurementPredictor.predict(FirmwareImage.read(image));
        List<byte[]> digests = List.of(
                sha256("/.gnupg/pubring.kbx".getBytes(StandardCharsets.UTF_8)), sha256(extract("heads/initrd/.gnupg/pubring.kbx", false)),
                sha256("/etc/config.user".getBytes(StandardCharsets.UTF_8)), sha256(extract("heads/initrd/etc/config.user", false)));
        assertThat(prediction.pcrsHex().get(7)).isEqualTo(replay(digests));
        assertThat(prediction.events().stream().filter(e -> e.pcr() == 7)).hasSize(4);
    }

    /** coreboot's TPM1 path and Heads' tpmr on a TPM 1.2: SHA-1 of the same bytes, PCRs starting at 20 zero bytes. */
    @Test
    void tpm12ValuesAreTheSha1ChainOfTheSameMeasurements() throws IOException {
        PcrPrediction prediction = MeasurementPredictor.predict(FirmwareImage.read(image));
        List<String> sequence = List.of("bootblock", "fallback/romstage", "fallback/ramstage", "fallback/payload");
        assertThat(HexFormat.of().formatHex(prediction.sha1Pcrs().get(2)))
                .isEqualTo(replaySha1(sequence.stream().map(n -> digest("SHA-1", extract(n, true))).toList()));
        List<byte[]> pcr7 = List.of(
                digest("SHA-1", "/.gnupg/pubring.kbx".getBytes(StandardCharsets.UTF_8)),
                digest("SHA-1", extract("heads/initrd/.gnupg/pubring.kbx", false)),
                digest("SHA-1", "/etc/config.user".getBytes(StandardCharsets.UTF_8)),
                digest("SHA-1", extract("heads/initrd/etc/config.user", false)));
        assertThat(HexFormat.of().formatHex(prediction.sha1Pcrs().get(7))).isEqualTo(replaySha1(pcr7));
    }

    private static String replaySha1(List<byte[]> digests) {
        byte[] pcr = new byte[20];
        for (byte[] digest : digests) {
            pcr = digest("SHA-1", concat(pcr, digest));
        }
        return HexFormat.of().formatHex(pcr);
    }

    private byte[] extract(String name, boolean stored) {
        Path out = dir.resolve("out.bin");
        CorebootTools.run(dir, "cbfstool", image.toString(), "extract", "-n", name, "-f", out.toString(), stored ? "-U" : "-v");
        try {
            return Files.readAllBytes(out);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String replay(List<byte[]> digests) {
        byte[] pcr = new byte[32];
        for (byte[] digest : digests) {
            pcr = sha256(concat(pcr, digest));
        }
        return HexFormat.of().formatHex(pcr);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] sha256(byte[] bytes) {
        return digest("SHA-256", bytes);
    }

    private static byte[] digest(String algorithm, byte[] bytes) {
        try {
            return MessageDigest.getInstance(algorithm).digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
