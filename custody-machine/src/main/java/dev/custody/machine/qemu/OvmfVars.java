package dev.custody.machine.qemu;

import dev.custody.common.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The UEFI variables of an OVMF vars file, edited as someone with the flash chip in hand would:
 * the firmware volume header, then EDK II's authenticated variable store (UEFI PI volume 3,
 * MdeModulePkg's VariableFormat.h). Variables are appended to the free space and superseded ones
 * marked deleted, as the firmware's own variable driver does, so OVMF reads the store as its own.
 */
final class OvmfVars {
    /** EFI_FIRMWARE_VOLUME_HEADER: Signature "_FVH" at 0x28, HeaderLength at 0x30, 0x48 bytes with one block map entry. */
    private static final int FV_SIGNATURE = 0x28;
    private static final int FVH = 0x4856465F;
    private static final int FV_HEADER_LENGTH = 0x30;
    private static final int FV_HEADER = 0x48;
    private static final int START_ID = 0x55AA;
    private static final byte ADDED = 0x3F;
    /** VAR_ADDED with the VAR_DELETED bit cleared: flash bits only go from 1 to 0. */
    private static final byte DELETED = 0x3D;
    private static final int STORE_HEADER = 28;
    /** StartId, State, Reserved, Attributes, MonotonicCount, TimeStamp, PubKeyIndex, NameSize, DataSize, VendorGuid. */
    private static final int VARIABLE_HEADER = 60;
    private static final int NON_VOLATILE_BOOT_RUNTIME = 0x7;
    /** EFI_GLOBAL_VARIABLE (8be4df61-93ca-11d2-aa0d-00e098032b8c) as stored. */
    private static final byte[] GLOBAL = HexFormat.of().parseHex("61dfe48bca93d211aa0d00e098032b8c");
    /** An EFI_LOAD_OPTION's device path: only the end node, as for an entry whose device is gone. */
    private static final byte[] END_OF_PATH = {0x7F, (byte) 0xFF, 0x04, 0x00};

    private record Variable(int offset, String name, byte[] data) {}

    private OvmfVars() {}

    /**
     * Adds a boot entry named {@code description} and puts it first in BootOrder: the firmware
     * measures both variables into PCR 1 (EV_EFI_VARIABLE_BOOT) at the next boot.
     */
    static void putNewEntryFirst(Path vars, String description) throws IOException {
        byte[] image;
        try {
            image = withNewEntryFirst(Files.readAllBytes(vars), description);
        } catch (IllegalArgumentException malformed) {
            throw new IllegalArgumentException(vars + ": " + malformed.getMessage());
        }
        AtomicFiles.write(vars, image);
    }

    /**
     * The vars image with the new entry first. The image is untrusted (whoever had the flash chip
     * wrote it): every offset and size is checked against the store before it is used, and a bad
     * one is refused as an IllegalArgumentException saying what is wrong.
     */
    static byte[] withNewEntryFirst(byte[] original, String description) {
        byte[] image = original.clone();
        ByteBuffer buffer = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
        if (image.length < FV_HEADER || buffer.getInt(FV_SIGNATURE) != FVH) {
            throw malformed("no firmware volume header (_FVH)");
        }
        int store = buffer.getShort(FV_HEADER_LENGTH) & 0xFFFF;
        if (store < FV_HEADER || (long) store + STORE_HEADER > image.length) {
            throw malformed("the firmware volume header length " + store + " leaves no room for the variable store");
        }
        long storeSize = buffer.getInt(store + 16) & 0xFFFFFFFFL;
        if (storeSize < STORE_HEADER || store + storeSize > image.length) {
            throw malformed("the variable store's size " + storeSize + " does not fit in the " + image.length + " bytes");
        }
        int end = (int) (store + storeSize);
        List<Variable> live = new ArrayList<>();
        int free = store + STORE_HEADER;
        while (free + VARIABLE_HEADER <= end && (buffer.getShort(free) & 0xFFFF) == START_ID) {
            long nameSize = buffer.getInt(free + 36) & 0xFFFFFFFFL;
            long dataSize = buffer.getInt(free + 40) & 0xFFFFFFFFL;
            long next = free + VARIABLE_HEADER + nameSize + dataSize;
            if (next > end) {
                throw malformed("the variable at offset " + free + " runs past the end of the store");
            }
            if (image[free + 2] == ADDED && Arrays.equals(Arrays.copyOfRange(image, free + 44, free + 60), GLOBAL)) {
                String name = new String(image, free + VARIABLE_HEADER, (int) Math.max(0, nameSize - 2), StandardCharsets.UTF_16LE);
                int data = (int) (free + VARIABLE_HEADER + nameSize);
                live.add(new Variable(free, name, Arrays.copyOfRange(image, data, (int) (data + dataSize))));
            }
            free = align((int) next);
        }
        Variable order = live.stream().filter(v -> v.name().equals("BootOrder")).findFirst()
                .orElseThrow(() -> malformed("no BootOrder yet: power the machine on once first"));
        int number = freeBootNumber(live, order);
        ByteBuffer newOrder = ByteBuffer.allocate(order.data().length + 2).order(ByteOrder.LITTLE_ENDIAN);
        newOrder.putShort((short) number).put(order.data());
        free = append(buffer, free, end, String.format("Boot%04X", number), loadOption(description));
        append(buffer, free, end, "BootOrder", newOrder.array());
        image[order.offset() + 2] = DELETED;
        return image;
    }

    private static IllegalArgumentException malformed(String why) {
        return new IllegalArgumentException("not an OVMF variable store OVMF can read: " + why);
    }

    /** The first number neither a Boot#### variable nor BootOrder uses. */
    private static int freeBootNumber(List<Variable> live, Variable order) {
        Set<String> names = live.stream().map(Variable::name).collect(Collectors.toCollection(HashSet::new));
        ByteBuffer listed = ByteBuffer.wrap(order.data()).order(ByteOrder.LITTLE_ENDIAN);
        while (listed.remaining() >= 2) {
            names.add(String.format("Boot%04X", listed.getShort() & 0xFFFF));
        }
        for (int number = 0; number <= 0xFFFF; number++) {
            if (!names.contains(String.format("Boot%04X", number))) {
                return number;
            }
        }
        throw malformed("no free Boot#### number");
    }

    private static byte[] loadOption(String description) {
        byte[] text = (description + "\0").getBytes(StandardCharsets.UTF_16LE);
        return ByteBuffer.allocate(4 + 2 + text.length + END_OF_PATH.length).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(1).putShort((short) END_OF_PATH.length).put(text).put(END_OF_PATH).array();
    }

    private static int append(ByteBuffer buffer, int at, int end, String name, byte[] data) {
        byte[] encoded = (name + "\0").getBytes(StandardCharsets.UTF_16LE);
        int next = align(at + VARIABLE_HEADER + encoded.length + data.length);
        if (next > end) {
            throw malformed("the variable store is full");
        }
        buffer.position(at);
        buffer.putShort((short) START_ID).put(ADDED).put((byte) 0).putInt(NON_VOLATILE_BOOT_RUNTIME).putLong(0)
                .put(new byte[16]).putInt(0).putInt(encoded.length).putInt(data.length).put(GLOBAL).put(encoded).put(data);
        return next;
    }

    private static int align(int offset) {
        return (offset + 3) & ~3;
    }
}
