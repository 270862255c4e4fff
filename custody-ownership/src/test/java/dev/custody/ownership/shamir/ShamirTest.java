package dev.custody.ownership.shamir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ShamirTest {
    private static final String BUNDLE = "ABCDEFGHIJKLMNOP";
    private static final byte[] SECRET = "{\"tpmOwnerPassphrase\":\"correct horse\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void everySubsetOfKSharesRecoversTheSecretAndEverySmallerOneIsRefused() {
        List<Share> shares = SecretShares.split(BUNDLE, SECRET, 3, 5);
        for (List<Share> subset : subsets(shares)) {
            if (subset.size() >= 3) {
                assertThat(SecretShares.recover(subset, BUNDLE)).as("shares %s", subset).isEqualTo(SECRET);
            } else if (!subset.isEmpty()) {
                assertThatThrownBy(() -> SecretShares.recover(subset, BUNDLE))
                        .hasMessageContaining("3 of the 5 are needed");
            }
        }
    }

    @Test
    void kMinusOneSharesInterpolateToSomethingElse() {
        List<byte[]> values = Shamir.split(SECRET, 3, 5, new SecureRandom());
        byte[] guess = Shamir.combine(Map.of(1, values.get(0), 4, values.get(3)));
        assertThat(guess).isNotEqualTo(SECRET);
    }

    /**
     * Information-theoretic secrecy: for K−1 shares and each of the 256 possible values of a secret
     * byte there is exactly one polynomial of degree K−1 through them, so the shares rule nothing out.
     */
    @Test
    void kMinusOneSharesAreConsistentWithEveryPossibleSecret() {
        byte[] secret = {0x42};
        List<byte[]> values = Shamir.split(secret, 3, 5, new SecureRandom());
        Map<Integer, byte[]> known = Map.of(2, values.get(1), 5, values.get(4));
        Set<Integer> reachable = new HashSet<>();
        for (int candidate = 0; candidate < 256; candidate++) {
            // The polynomial through (0, candidate) and the two known shares gives some value at x = 3 ...
            Map<Integer, byte[]> withCandidate = new TreeMap<>(known);
            withCandidate.put(0, new byte[] {(byte) candidate});
            byte[] third = valueAt(withCandidate, 3);
            // ... and that third share, with the two known ones, recovers exactly the candidate.
            Map<Integer, byte[]> full = new TreeMap<>(known);
            full.put(3, third);
            reachable.add(Shamir.combine(full)[0] & 0xff);
            assertThat(Shamir.combine(full)[0] & 0xff).isEqualTo(candidate);
        }
        assertThat(reachable).hasSize(256);
    }

    /** Lagrange interpolation at any x, written independently of Shamir.combine (which only evaluates at 0). */
    private static byte[] valueAt(Map<Integer, byte[]> points, int x) {
        int result = 0;
        for (int xi : points.keySet()) {
            int term = points.get(xi)[0] & 0xff;
            for (int xj : points.keySet()) {
                if (xj != xi) {
                    term = Gf256.mul(term, Gf256.div(x ^ xj, xi ^ xj));
                }
            }
            result ^= term;
        }
        return new byte[] {(byte) result};
    }

    @Test
    void oneOfOneAndNOfNWork() {
        assertThat(SecretShares.recover(SecretShares.split(BUNDLE, SECRET, 1, 1), BUNDLE)).isEqualTo(SECRET);
        List<Share> all = SecretShares.split(BUNDLE, SECRET, 4, 4);
        assertThat(SecretShares.recover(all, BUNDLE)).isEqualTo(SECRET);
        assertThatThrownBy(() -> SecretShares.recover(all.subList(0, 3), BUNDLE)).hasMessageContaining("4 of the 4");
    }

    @Test
    void badParametersAreRefused() {
        assertThatThrownBy(() -> SecretShares.split(BUNDLE, SECRET, 4, 3)).hasMessageContaining("threshold");
        assertThatThrownBy(() -> SecretShares.split(BUNDLE, SECRET, 0, 3)).hasMessageContaining("threshold");
        assertThatThrownBy(() -> SecretShares.split(BUNDLE, SECRET, 2, 256)).hasMessageContaining("number of shares");
    }

    @Test
    void sharesOfAnotherBundleOrTheSameShareTwiceAreRefused() {
        List<Share> ours = SecretShares.split(BUNDLE, SECRET, 2, 3);
        List<Share> theirs = SecretShares.split("QRSTUVWXYZ234567", SECRET, 2, 3);
        assertThatThrownBy(() -> SecretShares.recover(List.of(ours.get(0), theirs.get(1)), BUNDLE))
                .hasMessageContaining("belongs to another bundle (QRSTUVWXYZ234567)");
        assertThatThrownBy(() -> SecretShares.recover(List.of(ours.get(0), ours.get(0)), BUNDLE))
                .hasMessageContaining("given twice");
    }

    @Test
    void anAlteredShareWithARecomputedChecksumIsCaughtByTheSplitDigest() {
        List<Share> shares = SecretShares.split(BUNDLE, SECRET, 2, 3);
        byte[] data = shares.get(1).data();
        data[40] ^= 1;
        Share altered = Share.parse(new Share(BUNDLE, 2, 3, 2, data).encode());
        assertThatThrownBy(() -> SecretShares.recover(List.of(shares.get(0), altered), BUNDLE))
                .hasMessageContaining("do not fit together");
    }

    private static List<List<Share>> subsets(List<Share> shares) {
        List<List<Share>> subsets = new ArrayList<>();
        for (int mask = 0; mask < (1 << shares.size()); mask++) {
            List<Share> subset = new ArrayList<>();
            for (int i = 0; i < shares.size(); i++) {
                if ((mask & (1 << i)) != 0) {
                    subset.add(shares.get(i));
                }
            }
            subsets.add(subset);
        }
        return subsets;
    }
}
