package dev.custody.firmware.elf;

import dev.custody.firmware.ImageFormatException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Lays out an ELF executable exactly as cbfstool 4.15's ELF writer does, so that extracted
 * stages and payloads are byte-identical to {@code cbfstool extract}:
 * <ul>
 *   <li>sections 0-3 are always the null section, {@code .shstrtab}, a fixed 4 KiB {@code .strtab}
 *       and {@code .symtab} (turned into a null section when there are no symbols);</li>
 *   <li>the ELF header is followed by the section headers, then the program headers, then the
 *       section names; this metadata is padded with zeros to 4 KiB, after which the sections'
 *       contents follow in order;</li>
 *   <li>one {@code PT_LOAD} per run of allocated sections whose addresses follow each other.</li>
 * </ul>
 * Used by one conversion at a time; not thread-safe.
 */
final class ElfWriter {
    /** cbfstool's writer refuses more sections than this. */
    static final int MAX_SECTIONS = 16;
    private static final int STRING_TABLE_SIZE = 4096;
    private static final int METADATA_ALIGNMENT = 4096;
    private static final int NULL_SECTION_INDEX = 0;
    private static final int NAMES_INDEX = 1;
    private static final int FIRST_USER_SECTION = 4;
    private static final int SYMBOL_TABLE_INDEX = 3;
    private static final int STRING_TABLE_INDEX = 2;

    private record Section(String name, SectionHeader header, byte[] content) {}

    private record Symbol(String name, String sectionName, long value, int binding, int type) {}

    private final ElfArchitecture architecture;
    private final long entry;
    private final List<Section> sections = new ArrayList<>();
    private final List<Symbol> symbols = new ArrayList<>();
    private final List<Long> relocations = new ArrayList<>();
    private String relocatedSymbol;

    ElfWriter(ElfArchitecture architecture, long entry) {
        this.architecture = architecture;
        this.entry = entry;
    }

    /**
     * Adds a section after the writer's own four; {@code structure} names what is being converted,
     * for the error when cbfstool's section limit is reached.
     */
    void addSection(String name, SectionHeader header, byte[] content, String structure, long offset) {
        if (FIRST_USER_SECTION + sections.size() >= MAX_SECTIONS) {
            throw new ImageFormatException(structure, offset, "needs more than the "
                    + MAX_SECTIONS + " ELF sections cbfstool writes");
        }
        sections.add(new Section(name, header, content.clone()));
    }

    void addSymbol(String name, String sectionName, long value, int binding, int type) {
        symbols.add(new Symbol(name, sectionName, value, binding, type));
    }

    /** A relocation at {@code address} against {@code symbol}; cbfstool keeps them in one {@code .rel} section. */
    void addRelocation(String symbol, long address) {
        relocatedSymbol = symbol;
        relocations.add(address);
    }

    byte[] serialize() {
        boolean is64Bit = architecture.is64Bit();
        List<Section> all = allSections(is64Bit);

        ByteArrayOutputStream names = new ByteArrayOutputStream();
        names.write(0);
        int[] nameOffsets = new int[all.size()];
        long programHeaders = 0;
        long dataSize = 0;
        for (int i = 0; i < all.size(); i++) {
            Section section = all.get(i);
            if (section.header().isAllocated() && !followsPreviousAllocated(all, i)) {
                programHeaders++;
            }
            dataSize += section.content().length;
            if (section.name() != null) {
                nameOffsets[i] = names.size();
                names.writeBytes((section.name() + "\0").getBytes(StandardCharsets.US_ASCII));
            }
        }
        long sectionHeaderOffset = ElfHeader.size(is64Bit);
        long programHeaderOffset = sectionHeaderOffset + (long) all.size() * SectionHeader.size(is64Bit);
        long namesOffset = programHeaderOffset + programHeaders * ProgramHeader.size(is64Bit);
        long metadataSize = alignUp(namesOffset + names.size());
        byte[] file = new byte[Math.toIntExact(metadataSize + dataSize)];

        new ElfHeader(architecture, entry, programHeaderOffset, sectionHeaderOffset, (int) programHeaders, all.size(),
                NAMES_INDEX)
                .write(new ElfBuffer(file, 0, is64Bit));
        ElfBuffer sectionHeaders = new ElfBuffer(file, (int) sectionHeaderOffset, is64Bit);
        ElfBuffer data = new ElfBuffer(file, (int) metadataSize, is64Bit);
        List<SectionHeader> placed = new ArrayList<>();
        long nextData = metadataSize;
        for (int i = 0; i < all.size(); i++) {
            Section section = all.get(i);
            long offset = switch (i) {
                case NULL_SECTION_INDEX -> 0;
                case NAMES_INDEX -> namesOffset;
                default -> nextData;
            };
            SectionHeader header = i == NAMES_INDEX ? new SectionHeader(nameOffsets[i], SectionHeader.SHT_STRTAB, 0, 0,
                    offset, names.size(), 0, 0, 0, 0) : section.header().placed(nameOffsets[i], offset);
            header.write(sectionHeaders);
            placed.add(header);
            // The names live in the metadata, not among the sections' contents.
            if (i > NAMES_INDEX) {
                data.bytes(section.content());
                nextData += section.content().length;
            }
        }
        new ElfBuffer(file, (int) namesOffset, is64Bit).bytes(names.toByteArray());
        ElfBuffer programs = new ElfBuffer(file, (int) programHeaderOffset, is64Bit);
        programHeaders(all, placed).forEach(p -> p.write(programs));
        return file;
    }

    private List<Section> allSections(boolean is64Bit) {
        List<Section> all = new ArrayList<>();
        all.add(new Section(null, SectionHeader.of(SectionHeader.SHT_NULL, 0, 0, 0), new byte[0]));
        all.add(new Section(".shstrtab", SectionHeader.of(SectionHeader.SHT_STRTAB, 0, 0, 0), new byte[0]));

        List<String> strings = new ArrayList<>(List.of(""));
        int symbolSize = ElfSymbol.size(is64Bit);
        byte[] entries = new byte[symbolSize * (symbols.size() + 1)];
        ElfBuffer symbolOut = new ElfBuffer(entries, 0, is64Bit);
        ElfSymbol.UNDEFINED.write(symbolOut);
        for (Symbol symbol : symbols) {
            new ElfSymbol(stringOffset(strings, symbol.name()), symbol.value(), 0, symbol.binding(), symbol.type(),
                    sectionIndex(symbol.sectionName())).write(symbolOut);
        }
        byte[] stringTable = new byte[STRING_TABLE_SIZE];
        int at = 0;
        for (String s : strings) {
            byte[] ascii = s.getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(ascii, 0, stringTable, at, ascii.length);
            at += ascii.length + 1;
        }
        all.add(new Section(".strtab", new SectionHeader(0, SectionHeader.SHT_STRTAB, 0, 0, 0, STRING_TABLE_SIZE, 0, 0,
                1, 0), stringTable));
        long wordSize = is64Bit ? 8 : 4;
        // Without symbols cbfstool keeps the table's slot but marks it unused (SHT_NULL, size 0).
        all.add(symbols.isEmpty()
                ? new Section(".symtab", new SectionHeader(0, SectionHeader.SHT_NULL, 0, 0, 0, 0, 0, 0, wordSize,
                        symbolSize), new byte[0])
                : new Section(".symtab", new SectionHeader(0, SectionHeader.SHT_SYMTAB, 0, 0, 0, entries.length,
                        STRING_TABLE_INDEX, symbols.size() + 1, wordSize, symbolSize), entries));
        all.addAll(sections);
        if (relocatedSymbol != null) {
            all.add(relocationSection(is64Bit, wordSize));
        }
        return all;
    }

    private Section relocationSection(boolean is64Bit, long wordSize) {
        int symbolIndex = symbolIndex(relocatedSymbol);
        String target = symbols.get(symbolIndex - 1).sectionName();
        int entrySize = ElfRelocation.size(is64Bit);
        byte[] content = new byte[entrySize * relocations.size()];
        ElfBuffer out = new ElfBuffer(content, 0, is64Bit);
        relocations.forEach(r -> new ElfRelocation(r, symbolIndex, architecture.relocationType()).write(out));
        return new Section(".rel" + target, new SectionHeader(0, SectionHeader.SHT_REL, 0, 0, 0, content.length,
                SYMBOL_TABLE_INDEX, sectionIndex(target), wordSize, entrySize), content);
    }

    /** cbfstool's string table: offset 0 holds the empty string, equal strings are stored once. */
    private static int stringOffset(List<String> strings, String value) {
        int offset = 0;
        for (String s : strings) {
            if (s.equals(value)) {
                return offset;
            }
            offset += s.length() + 1;
        }
        strings.add(value);
        return offset;
    }

    private int sectionIndex(String name) {
        for (int i = 0; i < sections.size(); i++) {
            if (name.equals(sections.get(i).name())) {
                return FIRST_USER_SECTION + i;
            }
        }
        throw new IllegalStateException("no ELF section " + name);
    }

    private int symbolIndex(String name) {
        for (int i = 0; i < symbols.size(); i++) {
            if (symbols.get(i).name().equals(name)) {
                return i + 1;
            }
        }
        throw new IllegalStateException("no ELF symbol " + name);
    }

    /** Whether section {@code index} starts where the last allocated section before it ends. */
    private static boolean followsPreviousAllocated(List<Section> all, int index) {
        SectionHeader previous = null;
        for (int i = 0; i < index; i++) {
            if (all.get(i).header().isAllocated()) {
                previous = all.get(i).header();
            }
        }
        return previous != null && previous.address() + previous.size() == all.get(index).header().address();
    }

    private static List<ProgramHeader> programHeaders(List<Section> all, List<SectionHeader> placed) {
        List<ProgramHeader> headers = new ArrayList<>();
        ProgramHeader current = null;
        for (int i = 0; i < all.size(); i++) {
            SectionHeader header = placed.get(i);
            if (!header.isAllocated()) {
                continue;
            }
            long fileSize = all.get(i).content().length;
            if (current == null || !followsPreviousAllocated(all, i)) {
                if (current != null) {
                    headers.add(current);
                }
                current = new ProgramHeader(header.offset(), header.address(), fileSize, header.size(),
                        flags(header), header.alignment());
            } else {
                current = new ProgramHeader(current.offset(), current.address(), current.fileSize() + fileSize,
                        current.memorySize() + header.size(), current.flags() | flags(header), current.alignment());
            }
        }
        if (current != null) {
            headers.add(current);
        }
        return headers;
    }

    private static int flags(SectionHeader header) {
        int flags = 0;
        if ((header.flags() & SectionHeader.SHF_EXECINSTR) != 0) {
            flags |= ProgramHeader.PF_X | ProgramHeader.PF_R;
        }
        if ((header.flags() & SectionHeader.SHF_WRITE) != 0) {
            flags |= ProgramHeader.PF_W;
        }
        return flags;
    }

    private static long alignUp(long value) {
        return (value + METADATA_ALIGNMENT - 1) / METADATA_ALIGNMENT * METADATA_ALIGNMENT;
    }
}
