package dev.custody.eventlog;

import static dev.custody.eventlog.EventType.Tcg.*;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decodes event data into {@link EventContent}. Data that does not have the shape its type
 * promises is shown as hex: a log is evidence, and a display must never fail on it.
 */
public final class EventDecoder {
    private static final String X509 = "a5c059a1-94e4-4aa7-87b5-ab155c2bf072";
    /** A GPT partition entry: type and unique GUID, first and last LBA, attributes, then a 72-byte name. */
    private static final int GPT_ENTRY_SIZE = 128;
    private static final List<String> CBFS_PREFIXES = List.of("FMAP: COREBOOT CBFS: ", "CBFS: ");

    private EventDecoder() {}

    public static EventContent decode(Event event, LogFormat format) {
        try {
            return switch (event.type()) {
                case EventType.Tcg tcg -> decode(tcg, event, format);
                case EventType.Unknown unknown -> new EventContent.Raw(event.data());
            };
        } catch (MalformedLogException | IllegalArgumentException e) {
            return new EventContent.Raw(event.data());
        }
    }

    private static EventContent decode(EventType.Tcg type, Event event, LogFormat format) {
        Bytes data = event.data();
        return switch (type) {
            case EV_NO_ACTION -> noAction(data);
            case EV_SEPARATOR -> data.length() == 4
                    ? new EventContent.Separator(new ByteReader(data.toArray()).u32("separator"))
                    : new EventContent.Raw(data);
            case EV_ACTION, EV_EFI_ACTION -> action(data, format);
            case EV_S_CRTM_VERSION -> new EventContent.CrtmVersion(Text.any(data)
                    .orElseGet(() -> data.length() == 16 ? Guid.read(data) : new EventContent.Raw(data).describe()));
            case EV_POST_CODE -> data.length() == 16 ? blob("POST code region", data)
                    : Text.any(data).<EventContent>map(EventContent.PostCode::new).orElse(new EventContent.Raw(data));
            case EV_S_CRTM_CONTENTS, EV_EFI_PLATFORM_FIRMWARE_BLOB -> data.length() == 16
                    ? blob("firmware blob", data) : textOrRaw(data);
            case EV_EFI_PLATFORM_FIRMWARE_BLOB2 -> namedBlob(data);
            case EV_EFI_VARIABLE_DRIVER_CONFIG, EV_EFI_VARIABLE_BOOT, EV_EFI_VARIABLE_BOOT2,
                    EV_EFI_VARIABLE_AUTHORITY -> UefiVariables.decode(data, type == EV_EFI_VARIABLE_AUTHORITY);
            case EV_EFI_BOOT_SERVICES_APPLICATION -> imageLoad("boot application", data);
            case EV_EFI_BOOT_SERVICES_DRIVER -> imageLoad("boot services driver", data);
            case EV_EFI_RUNTIME_SERVICES_DRIVER -> imageLoad("runtime driver", data);
            case EV_EFI_GPT_EVENT, EV_EFI_GPT_EVENT2 -> gpt(data);
            case EV_IPL -> Text.any(data).<EventContent>map(EventContent.Ipl::new).orElse(new EventContent.Raw(data));
            case EV_EFI_HANDOFF_TABLES -> handoffTables(data);
            default -> textOrRaw(data);
        };
    }

    private static EventContent textOrRaw(Bytes data) {
        return Text.any(data).<EventContent>map(EventContent.Message::new).orElse(new EventContent.Raw(data));
    }

    private static EventContent noAction(Bytes data) {
        Optional<String> signature = SpecIdEvent.signatureOf(data);
        if (signature.isPresent()) {
            SpecIdEvent spec = SpecIdEvent.parse(data, signature.get());
            List<String> banks = spec.digestSizes().keySet().stream()
                    .map(id -> HashAlgorithm.byTcgId(id).map(HashAlgorithm::bankName).orElse(String.format("0x%04x", id)))
                    .toList();
            String vendor = spec.coreboot().map(c -> "coreboot " + c.format().id() + " table, "
                    + c.numEntries() + " of " + c.maxEntries() + " entries used").orElse("");
            return new EventContent.SpecId(signature.get(), banks, vendor);
        }
        byte[] raw = data.toArray();
        if (raw.length == 17 && Text.ascii(data.slice(0, 16)).orElse("").equals("StartupLocality")) {
            return new EventContent.StartupLocality(raw[16] & 0xff);
        }
        return textOrRaw(data);
    }

    private static EventContent action(Bytes data, LogFormat format) {
        Optional<String> text = Text.ascii(data);
        if (text.isEmpty()) {
            return new EventContent.Raw(data);
        }
        if (format.isCoreboot()) {
            for (String prefix : CBFS_PREFIXES) {
                if (text.get().startsWith(prefix)) {
                    String region = prefix.startsWith("FMAP") ? "FMAP region COREBOOT" : "";
                    return new EventContent.CbfsFile(text.get().substring(prefix.length()), region);
                }
            }
        }
        return new EventContent.Action(text.get());
    }

    private static EventContent blob(String what, Bytes data) {
        ByteReader r = new ByteReader(data.toArray());
        return new EventContent.FirmwareBlob(what, r.u64("base"), r.u64("length"));
    }

    private static EventContent namedBlob(Bytes data) {
        ByteReader r = new ByteReader(data.toArray());
        Bytes description = r.bytes(r.u8("description size"), "description");
        return new EventContent.FirmwareBlob(Text.ascii(description).orElse("firmware blob"), r.u64("base"), r.u64("length"));
    }

    private static EventContent imageLoad(String kind, Bytes data) {
        ByteReader r = new ByteReader(data.toArray());
        r.u64("image location");
        long length = r.u64("image length");
        r.u64("link time address");
        long pathLength = r.u64("device path length");
        DevicePath path = DevicePath.parse(r.bytes(r.length("device path length", pathLength), "device path"));
        return new EventContent.ImageLoad(kind, path, length);
    }

    private static EventContent gpt(Bytes data) {
        ByteReader r = new ByteReader(data.toArray());
        r.skip(56, "GPT header up to disk GUID");
        String disk = Guid.read(r, "disk GUID");
        r.skip(12, "PartitionEntryLBA and NumberOfPartitionEntries");
        long entrySize = r.u32("partition entry size");
        r.skip(4, "partition array CRC");
        int countAt = r.position();
        long count = r.u64("number of partitions");
        if (entrySize < GPT_ENTRY_SIZE || count < 0 || count > r.remaining() / entrySize) {
            throw r.fail("number of partitions", countAt, count + " entries of " + entrySize + " bytes do not fit");
        }
        List<String> partitions = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            Bytes entry = r.bytes(entrySize, "partition " + i);
            partitions.add(Text.utf16(entry.slice(56, GPT_ENTRY_SIZE)).orElse("unnamed"));
        }
        return new EventContent.Gpt(disk, partitions);
    }

    private static EventContent handoffTables(Bytes data) {
        ByteReader r = new ByteReader(data.toArray());
        long count = r.u64("number of tables");
        List<String> tables = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            tables.add(Guid.named(Guid.read(r, "table " + i + " GUID")));
            r.u64("table " + i + " address");
        }
        return new EventContent.HandoffTables(tables);
    }

    /** The subject line of an X.509 certificate, or its size when it does not parse. */
    static String certificate(Bytes der) {
        try {
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der.toArray()));
            return "certificate " + cert.getSubjectX500Principal().getName();
        } catch (CertificateException | ClassCastException e) {
            return "certificate (" + der.length() + " bytes, unreadable)";
        }
    }

    static boolean isX509(String signatureType) {
        return X509.equals(signatureType);
    }
}
