package dev.custody.firmware;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageReportTest {
    @TempDir
    Path work;

    @Test
    void anImageWithoutDescriptorReportsItsCbfsAndNoIfd() {
        Map<String, Object> report = ImageReport.of(BlankImage.create(1 << 20), ImageReport.Digests.LEFT_OUT);
        assertThat(report.keySet()).containsExactly("size", "ifd", "fmap", "cbfs", "blobs", "findings");
        assertThat(report.get("size")).isEqualTo(1 << 20);
        assertThat(report.get("ifd")).isNull();
        assertThat(files(report)).isNotEmpty().allSatisfy(file -> assertThat(file).doesNotContainKey("sha256"));
    }

    @Test
    void digestsAreThereOnlyWhenAskedFor() {
        Map<String, Object> report = ImageReport.of(BlankImage.create(1 << 20), ImageReport.Digests.INCLUDED);
        assertThat(files(report)).allSatisfy(file -> assertThat((String) file.get("sha256")).hasSize(64));
    }

    @Test
    void anIntelImageReportsItsRegionsMeAndGbe() throws Exception {
        FirmwareImage image = FirmwareImage.read(IntelImages.x230(work, "x230.rom", "FTPR", "MFS"));
        @SuppressWarnings("unchecked")
        Map<String, Object> ifd = (Map<String, Object>) ImageReport.of(image, ImageReport.Digests.LEFT_OUT).get("ifd");
        assertThat(ifd).containsKeys("version", "regions", "masters", "me", "gbe");
        @SuppressWarnings("unchecked")
        Map<String, Object> gbe = (Map<String, Object>) ifd.get("gbe");
        assertThat(gbe).containsEntry("checksumValid", true);
        @SuppressWarnings("unchecked")
        Map<String, Object> me = (Map<String, Object>) ifd.get("me");
        assertThat((List<?>) me.get("partitions")).hasSize(2);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> files(Map<String, Object> report) {
        return (List<Map<String, Object>>) report.get("cbfs");
    }
}
