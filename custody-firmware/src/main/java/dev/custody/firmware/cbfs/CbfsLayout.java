package dev.custody.firmware.cbfs;

import dev.custody.firmware.Bytes;
import dev.custody.firmware.ImageFormatException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The occupied files of one CBFS and where they sit; free space is implied. Edits give a new
 * layout; {@link #writeInto} puts it back, filling every gap with one empty (null) file the way
 * cbfstool merges free space after a remove.
 *
 * @param start where the first file header may sit (region-relative)
 * @param end   where the last file ended when the CBFS was read (region-relative)
 */
public record CbfsLayout(Cbfs cbfs, int start, int end, List<CbfsFile> files) {
    private static final int EMPTY_METADATA = CbfsFile.metadataSize("", List.of());

    /** A stretch between files, region-relative, starting on the 64-byte grid. */
    private record Gap(int start, int end) {
        int size() {
            return end - start;
        }
    }

    public CbfsLayout {
        files = files.stream().sorted(Comparator.comparingInt(CbfsFile::offset)).toList();
    }

    public static CbfsLayout of(Cbfs cbfs) {
        if (cbfs.files().isEmpty()) {
            throw new ImageFormatException("CBFS in region '" + cbfs.region() + "'", cbfs.regionOffset(),
                    "holds no file headers, so there is no free space to edit");
        }
        int start = cbfs.files().getFirst().offset();
        int end = cbfs.files().getLast().end();
        return new CbfsLayout(cbfs, start, end, cbfs.files().stream().filter(f -> !f.isEmptySpace()).toList());
    }

    public CbfsLayout without(String name) {
        if (files.stream().noneMatch(f -> f.name().equals(name))) {
            throw new IllegalArgumentException("no CBFS file named '" + name + "' in region '" + cbfs.region() + "'");
        }
        return new CbfsLayout(cbfs, start, end, files.stream().filter(f -> !f.name().equals(name)).toList());
    }

    /** Places the file in the first gap it fits, as cbfstool does. */
    public CbfsLayout with(NewCbfsFile file) {
        if (files.stream().anyMatch(f -> f.name().equals(file.name()))) {
            throw new IllegalArgumentException("CBFS region '" + cbfs.region() + "' already has a file named '"
                    + file.name() + "'; remove it first");
        }
        CbfsFile encoded = file.encode();
        for (Gap gap : gaps()) {
            Optional<CbfsFile> placed = place(encoded, file.alignment(), gap);
            if (placed.isPresent()) {
                List<CbfsFile> next = new ArrayList<>(files);
                next.add(placed.get());
                return new CbfsLayout(cbfs, start, end, next);
            }
        }
        throw new IllegalArgumentException("no room for '" + file.name() + "' (" + encoded.data().length
                + " bytes stored) in CBFS region '" + cbfs.region() + "' (" + freeSpace() + " bytes free)");
    }

    /** Free bytes: the data capacity of the empty files the layout would write. */
    public long freeSpace() {
        return gaps().stream().mapToLong(g -> g.size() - EMPTY_METADATA).filter(n -> n > 0).sum();
    }

    private List<Gap> gaps() {
        List<Gap> gaps = new ArrayList<>();
        int cursor = start;
        for (CbfsFile file : files) {
            if (file.offset() > cursor) {
                gaps.add(new Gap(cursor, file.offset()));
            }
            cursor = Math.max(cursor, Bytes.alignUp(file.end(), Cbfs.ALIGNMENT));
        }
        if (cursor < end) {
            gaps.add(new Gap(cursor, end));
        }
        return gaps;
    }

    /**
     * Aligned data goes as early as it can; its header sits on the grid just before it, and the
     * offset field absorbs the distance, as cbfstool does it.
     */
    private Optional<CbfsFile> place(CbfsFile file, int alignment, Gap gap) {
        int metadata = file.dataOffset();
        if (alignment <= 1) {
            return gap.start() + metadata + file.data().length <= gap.end() ? Optional.of(file.at(gap.start())) : Optional.empty();
        }
        int base = cbfs.regionOffset();
        for (int data = Bytes.alignUp(base + gap.start() + metadata, alignment) - base; data + file.data().length <= gap.end();
                data += alignment) {
            int header = (data - metadata) / Cbfs.ALIGNMENT * Cbfs.ALIGNMENT;
            if (header >= gap.start()) {
                return Optional.of(file.at(header).withDataOffset(data - header));
            }
        }
        return Optional.empty();
    }

    /**
     * Fills the gaps between files with empty files and writes the files that are new. Files
     * that were already there stay byte for byte as they were, padding included.
     */
    public void writeInto(byte[] image) {
        int base = cbfs.regionOffset();
        for (Gap gap : gaps()) {
            Arrays.fill(image, base + gap.start(), base + gap.end(), (byte) 0xff);
            if (gap.size() >= EMPTY_METADATA) {
                byte[] empty = new CbfsFile(gap.start(), "", CbfsType.Known.NULL, List.of(), EMPTY_METADATA, new byte[0]).toBytes();
                System.arraycopy(empty, 0, image, base + gap.start(), empty.length);
                Bytes.putU32be(image, base + gap.start() + 8, gap.size() - EMPTY_METADATA);
            }
        }
        for (CbfsFile file : files.stream().filter(f -> !cbfs.files().contains(f)).toList()) {
            byte[] bytes = file.toBytes();
            System.arraycopy(bytes, 0, image, base + file.offset(), bytes.length);
        }
    }
}
