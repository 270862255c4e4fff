package dev.custody.eventlog;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Builds crypto-agile logs byte by byte, following the TCG PC Client layout, for traps no corpus log has. */
final class AgileLogBuilder {
    private final List<HashAlgorithm> banks;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    AgileLogBuilder(List<HashAlgorithm> banks) {
        this.banks = banks;
        ByteBuffer spec = buffer(16 + 4 + 4 + 4 + 4 * banks.size() + 1);
        spec.put("Spec ID Event03\0".getBytes(StandardCharsets.US_ASCII)).putInt(0).put(new byte[] {0, 2, 0, 2});
        spec.putInt(banks.size());
        banks.forEach(b -> spec.putShort((short) b.tcgId()).putShort((short) b.digestLength()));
        spec.put((byte) 0);
        ByteBuffer header = buffer(32).putInt(0).putInt(3).put(new byte[20]).putInt(spec.capacity());
        out.writeBytes(header.array());
        out.writeBytes(spec.array());
    }

    /** Adds an event carrying, for each bank given, the hash of {@code data}. */
    AgileLogBuilder event(int pcr, EventType type, String data, List<HashAlgorithm> digestBanks) {
        byte[] bytes = data.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer event = buffer(12 + digestBanks.stream().mapToInt(b -> 2 + b.digestLength()).sum() + 4 + bytes.length);
        event.putInt(pcr).putInt((int) type.code()).putInt(digestBanks.size());
        digestBanks.forEach(b -> event.putShort((short) b.tcgId()).put(b.digest(bytes).toArray()));
        event.putInt(bytes.length).put(bytes);
        out.writeBytes(event.array());
        return this;
    }

    AgileLogBuilder event(int pcr, EventType type, String data) {
        return event(pcr, type, data, banks);
    }

    AgileLogBuilder raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    static Map<Integer, Bytes> replayed(byte[] log, HashAlgorithm bank) {
        return Replayer.replay(EventLogs.parse(log)).bank(bank);
    }

    private static ByteBuffer buffer(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
