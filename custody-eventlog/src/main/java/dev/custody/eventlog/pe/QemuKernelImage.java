package dev.custody.eventlog.pe;

/**
 * The kernel image OVMF measures when QEMU boots it directly ({@code -kernel}): QEMU writes the
 * boot loader fields of the Linux setup header before handing the image to the firmware through
 * fw_cfg, and those bytes lie inside what Authenticode hashes. This is QEMU 7.2's x86 Linux
 * loader for boot protocol 2.02 or later on a q35/pc machine with less than 2 GiB of RAM and no
 * "vga=" on the command line (checked against the digest OVMF logged, in the tests).
 */
public final class QemuKernelImage {
    private static final int PROTOCOL = 0x206;
    private static final int KERNEL_VERSION = 0x20e;
    private static final int SETUP_START = 0x200;
    private static final int TYPE_OF_LOADER = 0x210;
    private static final int LOADFLAGS = 0x211;
    private static final int RAMDISK_IMAGE = 0x218;
    private static final int RAMDISK_SIZE = 0x21c;
    private static final int HEAP_END_PTR = 0x224;
    private static final int CMD_LINE_PTR = 0x228;
    private static final int INITRD_ADDR_MAX = 0x22c;
    private static final int QEMU_LOADER = 0xb0;
    private static final int CAN_USE_HEAP = 0x80;
    private static final long REAL_ADDR = 0x10000;
    private static final long CMDLINE_ADDR = 0x20000;
    /** QEMU keeps this much below the top of low memory for the firmware's ACPI tables. */
    private static final long ACPI_DATA_SIZE = 0x20000 + 0x8000;
    private static final long MAX_RAM = 2L << 30;

    private QemuKernelImage() {}

    /** {@code kernel} as QEMU passes it with an initrd of {@code initrdSize} bytes and {@code ramBytes} of RAM. */
    public static byte[] patched(byte[] kernel, long initrdSize, long ramBytes) {
        if (ramBytes <= 0 || ramBytes >= MAX_RAM) {
            throw new IllegalArgumentException("QEMU's kernel header can be predicted for less than 2 GiB of RAM only");
        }
        requireBzImage(kernel);
        byte[] image = kernel.clone();
        image[TYPE_OF_LOADER] = (byte) QEMU_LOADER;
        image[LOADFLAGS] |= (byte) CAN_USE_HEAP;
        put16(image, HEAP_END_PTR, CMDLINE_ADDR - REAL_ADDR - 0x200);
        put32(image, CMD_LINE_PTR, CMDLINE_ADDR);
        if (initrdSize > 0) {
            long initrdMax = Math.min(LittleEndian.u32(kernel, INITRD_ADDR_MAX, "initrd_addr_max"), ramBytes - ACPI_DATA_SIZE - 1);
            put32(image, RAMDISK_IMAGE, (initrdMax - initrdSize) & ~0xfffL);
            put32(image, RAMDISK_SIZE, initrdSize);
        }
        return image;
    }

    /**
     * The release a bzImage says it is ("6.1.0-57-amd64"): the first word of the string its setup
     * header's kernel_version field points at, which is also what uname -r shows and names the
     * folder of its modules.
     */
    public static String release(byte[] kernel) {
        requireBzImage(kernel);
        int pointer = LittleEndian.u16(kernel, KERNEL_VERSION, "kernel_version");
        if (pointer == 0) {
            throw new MalformedImageException("the Linux setup header names no kernel version");
        }
        int start = pointer + SETUP_START;
        int end = start;
        while (end < kernel.length && kernel[end] != 0 && kernel[end] != ' ' && end - start < 256) {
            end++;
        }
        if (start >= kernel.length || end == start || end == kernel.length) {
            throw new MalformedImageException(String.format("the kernel version string at offset 0x%x is empty or unterminated", start));
        }
        return new String(kernel, start, end - start, java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static void requireBzImage(byte[] kernel) {
        int protocol = LittleEndian.u16(kernel, PROTOCOL, "Linux setup header version");
        if (protocol < 0x202 || LittleEndian.u32(kernel, 0x202, "Linux setup header magic") != 0x53726448L) {
            throw new MalformedImageException("not a Linux bzImage with boot protocol 2.02 or later");
        }
    }

    private static void put16(byte[] image, int at, long value) {
        image[at] = (byte) value;
        image[at + 1] = (byte) (value >>> 8);
    }

    private static void put32(byte[] image, int at, long value) {
        put16(image, at, value);
        put16(image, at + 2, value >>> 16);
    }
}
