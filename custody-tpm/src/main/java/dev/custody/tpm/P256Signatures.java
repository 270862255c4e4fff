package dev.custody.tpm;

import java.math.BigInteger;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECFieldElement;
import org.bouncycastle.math.ec.ECLookupTable;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.raw.Nat;
import org.bouncycastle.util.BigIntegers;

/**
 * ECDSA P-256 verification for a key that checks many signatures, as the fleet server's
 * attestation keys do: u1·G + u2·Q by two interleaved fixed-base combs of width 8 (32 rounds of
 * one doubling and two additions). Bouncy Castle's own verifier does the same with width 6 (43
 * rounds); a wider comb needs a 256-point table per key (16 kB), built once per key, and about
 * a quarter fewer point operations per signature. Variable time: everything here is public.
 * The point arithmetic is Bouncy Castle's (SecP256R1, which handles doubling and infinity).
 */
final class P256Signatures {
    private static final X9ECParameters P256 = CustomNamedCurves.getByName("secp256r1");
    private static final ECCurve CURVE = P256.getCurve();
    private static final BigInteger N = P256.getN();
    private static final BigInteger P = CURVE.getField().getCharacteristic();
    private static final int WIDTH = 8;
    private static final int ROWS = (256 + WIDTH - 1) / WIDTH;
    private static final Comb GENERATOR = comb(P256.getG());

    private P256Signatures() {}

    /**
     * The multiples a comb adds: entry i is P + Σ 2^(bit·ROWS)·P over the bits set in i (never
     * infinity, so lookups need no special case), and the offset -(2^ROWS - 1)·P that takes the
     * extra P of every round back out.
     */
    record Comb(ECLookupTable table, ECPoint offset) {}

    /** The point, validated on P-256 by the caller, as a comb. */
    static Comb comb(ECPoint point) {
        ECPoint[] powers = new ECPoint[WIDTH + 1];
        powers[0] = point;
        for (int bit = 1; bit < WIDTH; bit++) {
            powers[bit] = powers[bit - 1].timesPow2(ROWS);
        }
        powers[WIDTH] = point.subtract(powers[1]);
        CURVE.normalizeAll(powers);
        ECPoint[] table = new ECPoint[1 << WIDTH];
        table[0] = point;
        for (int bit = WIDTH - 1; bit >= 0; bit--) {
            int step = 1 << bit;
            for (int i = step; i < table.length; i += step << 1) {
                table[i] = table[i - step].add(powers[bit]);
            }
        }
        CURVE.normalizeAll(table);
        return new Comb(CURVE.createCacheSafeLookupTable(table, 0, table.length), powers[WIDTH]);
    }

    /** Whether (r, s) is an ECDSA signature of this SHA-256 hash by the key whose comb this is. */
    static boolean verify(Comb key, byte[] sha256, BigInteger r, BigInteger s) {
        if (sha256.length != 32 || r.signum() <= 0 || r.compareTo(N) >= 0 || s.signum() <= 0 || s.compareTo(N) >= 0) {
            return false;
        }
        BigInteger e = new BigInteger(1, sha256);
        BigInteger w = BigIntegers.modOddInverseVar(N, s);
        ECPoint sum = sumOfMultiples(e.multiply(w).mod(N), r.multiply(w).mod(N), key);
        if (sum.isInfinity()) {
            return false;
        }
        // r must be the affine x (mod n) of the sum: in Jacobian coordinates x = X / Z², so compare
        // r·Z² with X, for r and for r + n when that is still a field element.
        ECFieldElement zSquared = sum.getZCoord(0).square();
        for (BigInteger candidate = r; candidate.compareTo(P) < 0; candidate = candidate.add(N)) {
            if (CURVE.fromBigInteger(candidate).multiply(zSquared).equals(sum.getXCoord())) {
                return true;
            }
        }
        return false;
    }

    /** u1·G + u2·Q, both combs read column by column from the top bit, sharing the doublings. */
    private static ECPoint sumOfMultiples(BigInteger u1, BigInteger u2, Comb q) {
        int[] k = Nat.fromBigInteger(ROWS * WIDTH, u1);
        int[] l = Nat.fromBigInteger(ROWS * WIDTH, u2);
        ECPoint sum = CURVE.getInfinity();
        for (int row = ROWS - 1; row >= 0; row--) {
            int indexK = 0;
            int indexL = 0;
            for (int bit = (WIDTH - 1) * ROWS + row; bit >= 0; bit -= ROWS) {
                indexK = indexK << 1 | (k[bit >>> 5] >>> (bit & 31)) & 1;
                indexL = indexL << 1 | (l[bit >>> 5] >>> (bit & 31)) & 1;
            }
            sum = sum.twicePlus(GENERATOR.table().lookupVar(indexK).add(q.table().lookupVar(indexL)));
        }
        return sum.add(GENERATOR.offset()).add(q.offset());
    }
}
