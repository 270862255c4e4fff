package dev.custody.machine.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The bootorder tamper's edit of Debian's OVMF vars, and its refusals of stores it cannot read. */
class OvmfVarsTest {
    private static final Path DEBIAN_VARS = Path.of("/usr/share/OVMF/OVMF_VARS_4M.fd");
    private static final Path DEBIAN_MS_VARS = Path.of("/usr/share/OVMF/OVMF_VARS_4M.ms.fd");

    private byte[] pristine;

    @BeforeEach
    void debiansVars() throws Exception {
        Assumptions.assumeTrue(Files.isReadable(DEBIAN_VARS), DEBIAN_VARS + " is missing (apt-get install ovmf)");
        pristine = Files.readAllBytes(DEBIAN_VARS);
    }

    @Test
    void aNewEntryGoesFirstAndTheOldBootOrderIsDeleted() {
        byte[] booted = withBootOrder(pristine, 0x0001);
        byte[] once = OvmfVars.withNewEntryFirst(booted, "first");
        assertThat(lastBootOrder(once)).containsExactly(0x0000, 0x0001);
        byte[] twice = OvmfVars.withNewEntryFirst(once, "second");
        assertThat(lastBootOrder(twice)).as("the edited store reads back, its old BootOrder deleted")
                .containsExactly(0x0002, 0x0000, 0x0001);
        assertThat(new String(twice, StandardCharsets.UTF_16LE)).contains("second");
    }

    @Test
    void debiansFreshVarsHaveNoBootOrderYet() throws Exception {
        assertThatThrownBy(() -> OvmfVars.withNewEntryFirst(pristine, "x")).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no BootOrder yet: power the machine on once first");
        if (Files.isReadable(DEBIAN_MS_VARS)) {
            assertThatThrownBy(() -> OvmfVars.withNewEntryFirst(Files.readAllBytes(DEBIAN_MS_VARS), "x"))
                    .hasMessageContaining("no BootOrder yet");
        }
    }

    @Test
    void storesThatDoNotFitAreRefused() {
        assertThatThrownBy(() -> OvmfVars.withNewEntryFirst(new byte[10], "x")).hasMessageContaining("_FVH");
        byte[] tooBig = pristine.clone();
        ByteBuffer.wrap(tooBig).order(ByteOrder.LITTLE_ENDIAN).putInt(0x48 + 16, 0x7FFFFFFF);
        assertThatThrownBy(() -> OvmfVars.withNewEntryFirst(tooBig, "x")).hasMessageContaining("does not fit");
        byte[] runsOver = withBootOrder(pristine, 1);
        ByteBuffer.wrap(runsOver).order(ByteOrder.LITTLE_ENDIAN).putInt(0x48 + 28 + 40, 0x7FFFFFF0);
        assertThatThrownBy(() -> OvmfVars.withNewEntryFirst(runsOver, "x")).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("runs past the end of the store");
    }

    /** A BootOrder variable where the fresh store's free space starts, as OVMF writes it at the first boot. */
    private static byte[] withBootOrder(byte[] vars, int entry) {
        byte[] image = vars.clone();
        byte[] name = "BootOrder\0".getBytes(StandardCharsets.UTF_16LE);
        ByteBuffer buffer = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
        buffer.position(0x48 + 28);
        buffer.putShort((short) 0x55AA).put((byte) 0x3F).put((byte) 0).putInt(7).putLong(0).put(new byte[16]).putInt(0)
                .putInt(name.length).putInt(2).put(HexFormat.of().parseHex("61dfe48bca93d211aa0d00e098032b8c"))
                .put(name).putShort((short) entry);
        return image;
    }

    private static int[] lastBootOrder(byte[] image) {
        byte[] name = "BootOrder\0".getBytes(StandardCharsets.UTF_16LE);
        int at = -1;
        for (int i = 0; i + name.length <= image.length; i++) {
            if (Arrays.equals(image, i, i + name.length, name, 0, name.length)) {
                at = i;
            }
        }
        ByteBuffer buffer = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
        int size = buffer.getInt(at - 60 + 40);
        int[] order = new int[size / 2];
        for (int i = 0; i < order.length; i++) {
            order[i] = buffer.getShort(at + name.length + 2 * i) & 0xFFFF;
        }
        return order;
    }
}
