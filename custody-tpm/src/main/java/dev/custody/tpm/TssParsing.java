package dev.custody.tpm;

import java.util.Optional;
import java.util.function.Function;
import tss.TpmBuffer;

/**
 * TSS.Java's unmarshalling for structures that came from outside (a request, a file): it reads
 * past the end as zeros and nulls (a cut-short key has a null modulus or coordinate, a
 * NullPointerException later) and ignores what follows. Only structures without counted arrays
 * belong here; those with them are checked against their bytes first (see {@code QuoteLayout}).
 */
public final class TssParsing {
    private TssParsing() {}

    /** The structure, only if it used exactly the bytes given; {@code parser} is e.g. {@code TPMT_PUBLIC::fromTpm}. */
    public static <T> Optional<T> exactly(byte[] bytes, Function<TpmBuffer, T> parser) {
        try {
            TpmBuffer buffer = new TpmBuffer(bytes);
            T parsed = parser.apply(buffer);
            return buffer.isOk() && buffer.curPos() == buffer.size() ? Optional.of(parsed) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
