package dev.custody.firmware.cbfs;

import dev.custody.firmware.FirmwareImage;
import java.util.Optional;

/**
 * Adds, replaces and removes CBFS files in a copy of an image, keeping cbfstool's layout rules,
 * and refreshes the CBFS verification anchor when the primary CBFS changes. Each edit returns a
 * new editor; the original image is never touched.
 */
public final class CbfsEditor {
    private final byte[] bytes;
    private final Optional<String> region;

    private CbfsEditor(byte[] bytes, Optional<String> region) {
        this.bytes = bytes;
        this.region = region;
    }

    public static CbfsEditor of(FirmwareImage image, Optional<String> region) {
        return new CbfsEditor(image.bytes().clone(), region);
    }

    public CbfsEditor add(NewCbfsFile file) {
        return apply(layout().with(verifiable(file)));
    }

    public CbfsEditor remove(String name) {
        return apply(layout().without(name));
    }

    /** Removes the file if it exists, then adds the new contents: how Heads updates its keys. */
    public CbfsEditor replace(NewCbfsFile file) {
        CbfsLayout layout = layout();
        boolean present = layout.files().stream().anyMatch(f -> f.name().equals(file.name()));
        return apply((present ? layout.without(file.name()) : layout).with(verifiable(file)));
    }

    /** With CBFS verification every file needs a hash attribute; cbfstool adds one, and so do we. */
    private NewCbfsFile verifiable(NewCbfsFile file) {
        boolean verified = region.orElse(Cbfs.DEFAULT_REGION).equals(Cbfs.DEFAULT_REGION)
                && MetadataHashAnchor.find(image()).isPresent();
        return verified ? file.withHashAttribute() : file;
    }

    public FirmwareImage image() {
        return FirmwareImage.parse(bytes);
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    private CbfsLayout layout() {
        return CbfsLayout.of(image().cbfs(region));
    }

    private CbfsEditor apply(CbfsLayout layout) {
        byte[] next = bytes.clone();
        layout.writeInto(next);
        if (layout.cbfs().region().equals(Cbfs.DEFAULT_REGION)) {
            FirmwareImage edited = FirmwareImage.parse(next);
            MetadataHashAnchor.find(edited).ifPresent(anchor -> anchor.update(next, edited.cbfs(Optional.empty())));
        }
        return new CbfsEditor(next, region);
    }
}
