package dev.custody.firmware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custody.firmware.TinyElf.Segment;
import dev.custody.firmware.cbfs.Cbfs;
import dev.custody.firmware.cbfs.CbfsAttribute;
import dev.custody.firmware.cbfs.CbfsFile;
import dev.custody.firmware.cbfs.CbfsType;
import dev.custody.firmware.cbfs.Compression;
import dev.custody.firmware.elf.ElfArchitecture;
import dev.custody.firmware.elf.Extraction;
import dev.custody.firmware.elf.PayloadSegment;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stages and SELF payloads extract as the ELF files {@code cbfstool extract -m ARCH} writes, byte
 * for byte, for every architecture cbfstool supports; broken ones give an {@link ImageFormatException}.
 */
class ElfExtractionTest {
    @TempDir
    static Path dir;
    static Path built;
    static Cbfs cbfs;

    private static final long RMODULE_LINK = 0x200000;

    /** A 1 MiB image with stages and payloads added by cbfstool 4.15 in every compression it allows. */
    @BeforeAll
    static void buildImage() throws IOException {
        built = dir.resolve("elf.rom");
        CorebootTools.run(dir, "cbfstool", built.toString(), "create", "-m", "x86", "-s", "1M");
        byte[] code = TestImages.text(120);
        List<Segment> i386 = List.of(new Segment(0x100000, code, code.length, true),
                new Segment(0x110000, TestImages.random(7, 300), 0x900, false));
        TestImages.write(dir, "i386.elf", TinyElf.i386(0x100020, i386));
        TestImages.write(dir, "x8664.elf", TinyElf.x8664(0x100_0000_0000L, List.of(
                new Segment(0x100_0000_0000L, code, code.length + 0x80, true),
                new Segment(0x7fff0000, TestImages.text(10), 0x1000, false))));
        TestImages.write(dir, "rmodule.elf", TinyElf.i386(RMODULE_LINK, List.of(
                new Segment(RMODULE_LINK, rmodule(), 0x2000, true))));
        // Above 4 GiB, where cbfstool's .empty address keeps the load address's upper half.
        TestImages.write(dir, "high.elf", TinyElf.x8664(0x1_0000_0000L, List.of(
                new Segment(0x1_0000_0000L, code, code.length, true),
                new Segment(0x1_0000_2000L, TestImages.text(10), 0x1000, false))));
        for (String compression : List.of("none", "lzma", "lz4")) {
            stage("i386.elf", "stage/" + compression, compression);
            stage("rmodule.elf", "rmodule/" + compression, compression);
            payload("i386.elf", "payload/" + compression, compression);
            payload("x8664.elf", "payload64/" + compression, compression);
        }
        stage("high.elf", "stage64", "lzma");
        CorebootTools.run(dir, "cbfstool", built.toString(), "add-flat-binary", "-f", "i386.elf", "-n", "flat",
                "-l", "0x100000", "-e", "0x100010", "-c", "lzma");
        cbfs = FirmwareImage.read(built).cbfs(Optional.empty());
    }

    private static void stage(String elf, String name, String compression) {
        CorebootTools.run(dir, "cbfstool", built.toString(), "add-stage", "-f", elf, "-n", name, "-c", compression);
    }

    private static void payload(String elf, String name, String compression) {
        CorebootTools.run(dir, "cbfstool", built.toString(), "add-payload", "-f", elf, "-n", name, "-c", compression);
    }

    /** An rmodule as rmodtool lays it out: header, program, relocation addresses (one below the link address). */
    private static byte[] rmodule() {
        byte[] program = TestImages.text(40);
        int[] relocations = {(int) RMODULE_LINK + 0x40, (int) RMODULE_LINK + 0x84, 0x1000, (int) RMODULE_LINK + 0x200};
        ByteBuffer b = ByteBuffer.allocate(64 + program.length + 4 * relocations.length).order(ByteOrder.LITTLE_ENDIAN);
        int payloadEnd = 64 + program.length;
        b.putShort((short) 0xf8fe).put((byte) 1).put((byte) 0).putInt(64).putInt(payloadEnd).putInt(payloadEnd)
                .putInt(payloadEnd + 4 * relocations.length).putInt((int) RMODULE_LINK).putInt(program.length + 0x400)
                .putInt((int) RMODULE_LINK + 0x10).putInt((int) RMODULE_LINK + 0x100).putInt((int) RMODULE_LINK + 0x120)
                .putInt((int) RMODULE_LINK + program.length).putInt((int) RMODULE_LINK + program.length + 0x400);
        b.position(64).put(program);
        for (int r : relocations) {
            b.putInt(r);
        }
        return b.array();
    }

    @Test
    void stagesAndPayloadsCbfstoolAddedExtractAsItsElfFiles() throws IOException {
        List<CbfsFile> converted = cbfs.files().stream().filter(Extraction::needsArchitecture).toList();
        assertThat(converted).extracting(CbfsFile::name).hasSize(14).contains("stage/lz4", "rmodule/lzma", "payload64/lz4",
                "flat");
        assertThat(cbfs.require("stage/lzma").compression().label()).isEqualTo("lzma");
        assertThat(cbfs.require("payload/none").type()).isEqualTo(CbfsType.Known.SELF);
        for (CbfsFile file : converted) {
            for (ElfArchitecture architecture : ElfArchitecture.values()) {
                CbfstoolAssertions.extractsLikeCbfstool(dir, built, "COREBOOT", file, architecture);
            }
        }
        CbfstoolAssertions.sameAsCbfstool(dir, built, FirmwareImage.read(built));
    }

    @Test
    void corpusImageStagesAndPayloadExtractLikeCbfstool() throws IOException {
        Path image = Files.copy(TestImages.corpusCoreboot(), dir.resolve("corpus.rom"));
        Cbfs corpus = FirmwareImage.read(image).cbfs(Optional.empty());
        // Pre-4.14 stages (0x10) have no conversion in cbfstool 4.15: both extract them raw.
        assertThat(Extraction.needsArchitecture(corpus.require("fallback/romstage"))).isFalse();
        for (String name : List.of("fallback/romstage", "fallback/ramstage", "fallback/payload")) {
            for (ElfArchitecture architecture : ElfArchitecture.values()) {
                CbfstoolAssertions.extractsLikeCbfstool(dir, image, corpus.region(), corpus.require(name), architecture);
            }
        }
    }

    /**
     * A real rmodule: a tiny C program built by gcc -m32 with its relocations kept, turned into an
     * rmodule by coreboot's rmodtool, added with add-stage as coreboot's build adds a ramstage.
     */
    @Test
    void rmodtoolModuleExtractsLikeCbfstool() throws IOException {
        Files.writeString(dir.resolve("module.c"), """
                int counter = 3; int table[4] = {1, 2, 3, 4}; int *pointer = &counter; int big[100];
                void _start(void) { big[2] = *pointer + table[1]; for (;;); }
                """);
        // rmodtool wants one loadable segment; _bss/_ebss are the symbols it records.
        Files.writeString(dir.resolve("module.ld"), """
                SECTIONS { . = 0; .program : { *(.text*) *(.rodata*) *(.data*) _bss = .; *(.bss*) *(COMMON) _ebss = .; }
                  /DISCARD/ : { *(.note*) *(.comment) *(.eh_frame*) *(.got*) } }
                """);
        CorebootTools.Result gcc = CorebootTools.tryRun(dir, "gcc", "-m32", "-O1", "-fno-pie", "-no-pie", "-nostdlib",
                "-static", "-ffreestanding", "-fno-asynchronous-unwind-tables", "-Wl,--emit-relocs", "-Wl,-T,module.ld",
                "-Wl,--build-id=none", "-Wl,--no-warn-rwx-segments", "-o", "module.elf", "module.c");
        org.junit.jupiter.api.Assumptions.assumeTrue(gcc.exitCode() == 0, "gcc -m32 cannot build: " + gcc.stderr());
        CorebootTools.run(dir, "rmodtool", "-i", "module.elf", "-o", "module.rmod");
        Path image = dir.resolve("rmodtool.rom");
        CorebootTools.run(dir, "cbfstool", image.toString(), "create", "-m", "x86", "-s", "256K");
        CorebootTools.run(dir, "cbfstool", image.toString(), "add-stage", "-f", "module.rmod", "-n", "fallback/ramstage",
                "-c", "lzma");
        Cbfs cbfs = FirmwareImage.read(image).cbfs(Optional.empty());
        for (ElfArchitecture architecture : ElfArchitecture.values()) {
            CbfstoolAssertions.extractsLikeCbfstool(dir, image, cbfs.region(), cbfs.require("fallback/ramstage"),
                    architecture);
        }
        assertThat(new String(x86(cbfs.require("fallback/ramstage")), java.nio.charset.StandardCharsets.ISO_8859_1))
                .contains(".rel.program", "_ebss");
    }

    /**
     * cbfstool add-payload writes only CODE/DATA/ENTR segments; BSS and PARA segments, LZ4 inside
     * a segment, and a payload needing more ELF sections than cbfstool allows are crafted here.
     */
    @Test
    void craftedPayloadsWithEverySegmentKindExtractLikeCbfstool() throws IOException {
        byte[] code = TestImages.text(60);
        byte[] data = TestImages.random(5, 100);
        byte[] params = "parameters".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Path image = dir.resolve("crafted.rom");
        CorebootTools.run(dir, "cbfstool", image.toString(), "create", "-m", "x86", "-s", "256K");
        TestImages.write(dir, "every-kind.bin", selfPayload(List.of(
                new Piece(PayloadSegment.Type.CODE, Compression.LZMA, 0x100000, code, code.length + 0x40),
                new Piece(PayloadSegment.Type.DATA, Compression.NONE, 0x200000, data, data.length),
                new Piece(PayloadSegment.Type.BSS, Compression.NONE, 0x200000 + data.length, new byte[0], 0x300),
                new Piece(PayloadSegment.Type.PARAMS, Compression.NONE, 0, params, params.length),
                new Piece(PayloadSegment.Type.DATA, Compression.LZ4, 0x300000, code, code.length),
                new Piece(PayloadSegment.Type.ENTRY, Compression.NONE, 0x100010, new byte[0], 0))));
        List<Piece> many = new java.util.ArrayList<>();
        for (int i = 0; i < 13; i++) {
            many.add(new Piece(PayloadSegment.Type.DATA, Compression.NONE, 0x100000L * (i + 1), data, data.length));
        }
        many.add(new Piece(PayloadSegment.Type.ENTRY, Compression.NONE, 0x100000, new byte[0], 0));
        TestImages.write(dir, "many.bin", selfPayload(many));
        TestImages.add(image, "-f", "every-kind.bin", "-n", "every-kind", "-t", "simple elf");
        TestImages.add(image, "-f", "many.bin", "-n", "too-many-sections", "-t", "simple elf");
        Cbfs crafted = FirmwareImage.read(image).cbfs(Optional.empty());
        for (ElfArchitecture architecture : ElfArchitecture.values()) {
            for (String name : List.of("every-kind", "too-many-sections")) {
                CbfstoolAssertions.extractsLikeCbfstool(dir, image, crafted.region(), crafted.require(name), architecture);
            }
        }
        assertThat(x86(crafted.require("every-kind"))).hasSizeGreaterThan(8192);
        assertThatThrownBy(() -> x86(crafted.require("too-many-sections"))).isInstanceOf(ImageFormatException.class)
                .hasMessageContaining("needs more than the 16 ELF sections cbfstool writes");
    }

    private record Piece(PayloadSegment.Type type, Compression compression, long address, byte[] contents, int memoryLength) {}

    /** A SELF payload: the segment table, then each segment's (compressed) bytes in table order. */
    private static byte[] selfPayload(List<Piece> pieces) {
        java.io.ByteArrayOutputStream table = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream bodies = new java.io.ByteArrayOutputStream();
        int offset = pieces.size() * PayloadSegment.SIZE;
        for (Piece piece : pieces) {
            byte[] stored = piece.compression().compress(piece.contents());
            table.writeBytes(new PayloadSegment(piece.type(), piece.compression().code(), offset + bodies.size(),
                    piece.address(), stored.length, piece.memoryLength()).toBytes());
            bodies.writeBytes(stored);
        }
        table.writeBytes(bodies.toByteArray());
        return table.toByteArray();
    }

    @Test
    void withoutArchitectureStagesAndPayloadsAreRefusedAsByCbfstool() {
        assertThatThrownBy(() -> Extraction.contents(cbfs.require("stage/none"), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'stage/none' is a stage");
        assertThat(ElfArchitecture.named("ARM64")).contains(ElfArchitecture.ARM64);
        assertThat(ElfArchitecture.named("ppc64")).isEmpty();
    }

    @Test
    void corruptStageHeaders() {
        CbfsFile stage = cbfs.require("stage/none");
        CbfsFile noHeader = with(stage, stage.data(), List.of());
        assertThatThrownBy(() -> x86(noHeader)).isInstanceOf(ImageFormatException.class)
                .hasMessageContaining("CBFS stage 'stage/none'").hasMessageContaining("no stage header attribute (StgH)");
        CbfsAttribute.StageHeader header = (CbfsAttribute.StageHeader) stage.attributes().stream()
                .filter(CbfsAttribute.StageHeader.class::isInstance).findFirst().orElseThrow();
        CbfsFile shortMemory = with(stage, stage.data(), List.of(new CbfsAttribute.StageHeader(header.loadAddress(),
                header.entryOffset(), 16)));
        assertThatThrownBy(() -> x86(shortMemory)).isInstanceOf(ImageFormatException.class)
                .hasMessageContaining("memlen 0x10 is smaller than");

        CbfsFile rmodule = cbfs.require("rmodule/none");
        byte[] truncated = java.util.Arrays.copyOf(rmodule.data(), 40);
        assertThatThrownBy(() -> x86(with(rmodule, truncated, rmodule.attributes())))
                .isInstanceOf(ImageFormatException.class).hasMessageContaining("rmodule header needs 64 bytes");
        byte[] outside = rmodule.data().clone();
        ByteBuffer.wrap(outside).order(ByteOrder.LITTLE_ENDIAN).putInt(8, 0x7fffffff);
        assertThatThrownBy(() -> x86(with(rmodule, outside, rmodule.attributes())))
                .isInstanceOf(ImageFormatException.class).hasMessageContaining("rmodule payload range");
        byte[] ragged = rmodule.data().clone();
        ByteBuffer.wrap(ragged).order(ByteOrder.LITTLE_ENDIAN).putInt(16, ByteBuffer.wrap(ragged)
                .order(ByteOrder.LITTLE_ENDIAN).getInt(16) - 1);
        assertThatThrownBy(() -> x86(with(rmodule, ragged, rmodule.attributes())))
                .isInstanceOf(ImageFormatException.class).hasMessageContaining("not a whole number of 4-byte addresses");
    }

    @Test
    void corruptPayloadSegments() {
        CbfsFile payload = cbfs.require("payload/none");
        byte[] badType = payload.data().clone();
        badType[0] = 'X';
        assertThatThrownBy(() -> x86(with(payload, badType, payload.attributes())))
                .isInstanceOf(ImageFormatException.class).hasMessageContaining("CBFS payload 'payload/none'")
                .hasMessageContaining("payload segment type 0x58");
        byte[] noEntry = java.util.Arrays.copyOf(payload.data(), PayloadSegment.SIZE * 2);
        assertThatThrownBy(() -> x86(with(payload, noEntry, payload.attributes())))
                .isInstanceOf(ImageFormatException.class).hasMessageContaining("segment header needs 28 bytes");
        byte[] longSegment = payload.data().clone();
        ByteBuffer.wrap(longSegment).putInt(20, 0x100000);
        assertThatThrownBy(() -> x86(with(payload, longSegment, payload.attributes())))
                .isInstanceOf(ImageFormatException.class).hasMessageContaining("runs past the end of the payload");
        byte[] unknownCompression = payload.data().clone();
        ByteBuffer.wrap(unknownCompression).putInt(4, 9);
        assertThatThrownBy(() -> x86(with(payload, unknownCompression, payload.attributes())))
                .isInstanceOf(ImageFormatException.class).hasMessageContaining("unknown algorithm 9");
        CbfsFile lzma = cbfs.require("payload/lzma");
        byte[] badStream = lzma.data().clone();
        int firstData = 5 * PayloadSegment.SIZE;
        java.util.Arrays.fill(badStream, firstData + 13, firstData + 40, (byte) 0xff);
        assertThatThrownBy(() -> x86(with(lzma, badStream, lzma.attributes())))
                .isInstanceOf(ImageFormatException.class).hasMessageContaining("LZMA");
    }

    /** Seeded random damage to stage and payload bytes ends in an ELF file or an ImageFormatException. */
    @Test
    void randomDamageNeverEscapesAsAnotherException() {
        Random random = new Random(11);
        List<CbfsFile> files = cbfs.files().stream().filter(Extraction::needsArchitecture).toList();
        for (int i = 0; i < 400; i++) {
            CbfsFile file = files.get(random.nextInt(files.size()));
            byte[] damaged = file.data().clone();
            int limit = Math.min(damaged.length, 200);
            for (int n = 0; n < 1 + random.nextInt(4); n++) {
                damaged[random.nextInt(limit)] = (byte) random.nextInt(256);
            }
            CbfsFile broken = with(file, damaged, file.attributes());
            try {
                assertThat(Extraction.contents(broken, Optional.of(ElfArchitecture.values()[i % 5]))).isNotEmpty();
            } catch (ImageFormatException expected) {
                assertThat(expected.getMessage()).doesNotContain("\n").contains(" at offset 0x");
            }
        }
    }

    private static byte[] x86(CbfsFile file) {
        return Extraction.contents(file, Optional.of(ElfArchitecture.X86));
    }

    private static CbfsFile with(CbfsFile file, byte[] data, List<CbfsAttribute> attributes) {
        return new CbfsFile(file.offset(), file.name(), file.type(), attributes, file.dataOffset(), data);
    }
}
