package dev.custody.eventlog;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A UEFI device path in the text form of the UEFI specification (section 10.6), e.g.
 * {@code PciRoot(0x0)/Pci(0x1f,0x2)/Sata(0x0,0xffff,0x0)/HD(1,GPT,...)/\EFI\debian\shimx64.efi}.
 *
 * @param file the file path nodes joined, when the path names a file
 */
public record DevicePath(String text, Optional<String> file) {
    private static final int END = 0x7f;

    static DevicePath parse(Bytes data) {
        ByteReader r = new ByteReader(data.toArray());
        List<String> nodes = new ArrayList<>();
        StringBuilder file = new StringBuilder();
        while (r.remaining() >= 4) {
            int type = r.u8("device path node type");
            int subtype = r.u8("device path node subtype");
            int length = r.u16("device path node length");
            if (length < 4) {
                throw r.fail("device path node length", r.position() - 2, "is " + length + ", less than its header");
            }
            if (type == END && subtype == 0xff) {
                break;
            }
            Bytes body = r.bytes(length - 4L, "device path node");
            if (type == END) {
                nodes.add(",");
                continue;
            }
            String node = node(type, subtype, body);
            if (type == 4 && subtype == 4) {
                file.append(node);
            }
            nodes.add(node);
        }
        String text = nodes.isEmpty() ? "(empty device path)" : String.join("/", nodes).replace("/,/", ",");
        return new DevicePath(text, file.isEmpty() ? Optional.empty() : Optional.of(file.toString()));
    }

    private static String node(int type, int subtype, Bytes body) {
        ByteReader r = new ByteReader(body.toArray());
        return switch (type << 8 | subtype) {
            case 0x0101 -> {
                int function = r.u8("function");
                yield String.format("Pci(0x%x,0x%x)", r.u8("device"), function);
            }
            case 0x0104 -> "VenHw(" + Guid.read(r, "vendor guid") + ")";
            case 0x0201 -> acpi(r.u32("hid"), r.u32("uid"));
            case 0x0302 -> String.format("Scsi(0x%x,0x%x)", r.u16("pun"), r.u16("lun"));
            case 0x0305 -> String.format("USB(0x%x,0x%x)", r.u8("port"), r.u8("interface"));
            case 0x030b -> "MAC(" + r.bytes(6, "mac").hex() + ")";
            case 0x0312 -> String.format("Sata(0x%x,0x%x,0x%x)", r.u16("hba port"), r.u16("multiplier port"), r.u16("lun"));
            case 0x0317 -> String.format("NVMe(0x%x,%s)", r.u32("namespace"), r.bytes(8, "eui64").hex());
            case 0x030a -> "VenMsg(" + Guid.read(r, "vendor guid") + ")";
            case 0x030c -> "IPv4(" + ipv4(r.bytes(4, "local address")) + ")";
            case 0x030d -> "IPv6(" + r.bytes(16, "local address").hex() + ")";
            case 0x0501 -> {
                int deviceType = r.u16("device type");
                r.u16("status flags");
                yield String.format("BBS(0x%x,%s)", deviceType, Text.ascii(r.bytes(r.remaining(), "description")).orElse(""));
            }
            case 0x0401 -> hardDrive(r);
            case 0x0403 -> "VenMedia(" + Guid.read(r, "vendor guid") + ")";
            case 0x0404 -> Text.utf16(body).orElse("");
            case 0x0406 -> "FvFile(" + Guid.read(r, "file guid") + ")";
            case 0x0407 -> "Fv(" + Guid.read(r, "volume guid") + ")";
            case 0x0408 -> String.format("Offset(0x%x,0x%x)", r.u64("start"), r.u64("end"));
            default -> String.format("Path(%d,%d,%s)", type, subtype, body.hex());
        };
    }

    private static String ipv4(Bytes address) {
        return address.get(0) + "." + address.get(1) + "." + address.get(2) + "." + address.get(3);
    }

    private static String acpi(long hid, long uid) {
        if (hid == 0x0a0341d0L) {
            return String.format("PciRoot(0x%x)", uid);
        }
        if (hid == 0x0a0841d0L) {
            return String.format("PcieRoot(0x%x)", uid);
        }
        return String.format("Acpi(0x%08x,0x%x)", hid, uid);
    }

    private static String hardDrive(ByteReader r) {
        long partition = r.u32("partition number");
        long start = r.u64("partition start");
        long size = r.u64("partition size");
        Bytes signature = r.bytes(16, "partition signature");
        r.u8("partition format");
        int signatureType = r.u8("signature type");
        String id = switch (signatureType) {
            case 1 -> "MBR," + String.format("0x%08x", new ByteReader(signature.toArray()).u32("mbr signature"));
            case 2 -> "GPT," + Guid.read(signature);
            default -> "None";
        };
        return String.format("HD(%d,%s,0x%x,0x%x)", partition, id, start, size);
    }
}
