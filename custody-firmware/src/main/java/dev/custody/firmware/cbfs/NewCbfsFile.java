package dev.custody.firmware.cbfs;

import dev.custody.firmware.Sha256;
import java.util.ArrayList;
import java.util.List;

/**
 * A file to add to a CBFS, before it is compressed and placed.
 *
 * @param alignment   the data's alignment in the image, 0 for none (like cbfstool's {@code -a})
 * @param hashed      whether to add a SHA-256 hash attribute over the stored data (cbfstool's {@code -A sha256})
 */
public record NewCbfsFile(String name, CbfsType type, byte[] contents, Compression compression, int alignment,
                          boolean hashed) {
    public NewCbfsFile {
        if (name.isEmpty() || name.getBytes(java.nio.charset.StandardCharsets.US_ASCII).length != name.length()) {
            throw new IllegalArgumentException("a CBFS file name must be non-empty ASCII: '" + name + "'");
        }
        if (type == CbfsType.Known.STAGE || type == CbfsType.Known.SELF || type == CbfsType.Known.NULL
                || type == CbfsType.Known.DELETED) {
            throw new IllegalArgumentException("cannot add a file of type '" + type.cbfstoolName()
                    + "': stages and payloads need cbfstool's ELF conversion, and null/deleted mark free space");
        }
        if (alignment < 0 || (alignment & (alignment - 1)) != 0) {
            throw new IllegalArgumentException("alignment " + alignment + " is not a power of two");
        }
    }

    public static NewCbfsFile raw(String name, byte[] contents) {
        return new NewCbfsFile(name, CbfsType.Known.RAW, contents, Compression.NONE, 0, false);
    }

    public NewCbfsFile withHashAttribute() {
        return new NewCbfsFile(name, type, contents, compression, alignment, true);
    }

    /**
     * The file as it will be stored. Like cbfstool, compression that does not make the data
     * smaller is dropped.
     */
    CbfsFile encode() {
        byte[] stored = compression.compress(contents);
        boolean compressed = !(compression instanceof Compression.None) && stored.length < contents.length;
        List<CbfsAttribute> attributes = new ArrayList<>();
        if (compressed) {
            attributes.add(new CbfsAttribute.CompressionInfo(compression, contents.length));
        }
        byte[] data = compressed ? stored : contents.clone();
        if (hashed) {
            attributes.add(new CbfsAttribute.Hash(CbfsAttribute.Hash.SHA256, Sha256.of(data)));
        }
        return CbfsFile.create(name, type, attributes, data);
    }
}
