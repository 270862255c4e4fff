package dev.custody.ownership.shamir;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Shamir's secret sharing over GF(256), byte by byte: each secret byte is the constant term of
 * its own random polynomial of degree K−1, and share x holds the polynomials' values at x. Any K
 * shares determine the polynomials; K−1 shares are consistent with every possible secret.
 */
public final class Shamir {
    public static final int MAX_SHARES = 255;

    private Shamir() {}

    /** The share values at x = 1..n, in that order. */
    public static List<byte[]> split(byte[] secret, int threshold, int count, SecureRandom random) {
        checkParameters(threshold, count);
        List<byte[]> shares = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            shares.add(new byte[secret.length]);
        }
        byte[] coefficients = new byte[threshold];
        try {
            for (int at = 0; at < secret.length; at++) {
                coefficients[0] = secret[at];
                byte[] rest = new byte[threshold - 1];
                random.nextBytes(rest);
                System.arraycopy(rest, 0, coefficients, 1, rest.length);
                Arrays.fill(rest, (byte) 0);
                for (int x = 1; x <= count; x++) {
                    shares.get(x - 1)[at] = (byte) evaluate(coefficients, x);
                }
            }
        } finally {
            Arrays.fill(coefficients, (byte) 0);
        }
        return shares;
    }

    public static void checkParameters(int threshold, int count) {
        if (count < 1 || count > MAX_SHARES) {
            throw new IllegalArgumentException("the number of shares must be between 1 and " + MAX_SHARES + ", not " + count);
        }
        if (threshold < 1 || threshold > count) {
            throw new IllegalArgumentException("the threshold must be between 1 and the number of shares (" + count
                    + "), not " + threshold);
        }
    }

    /** Horner's rule; coefficient 0 is the constant term. */
    static int evaluate(byte[] coefficients, int x) {
        int value = 0;
        for (int i = coefficients.length - 1; i >= 0; i--) {
            value = Gf256.add(Gf256.mul(value, x), coefficients[i] & 0xff);
        }
        return value;
    }

    /**
     * Lagrange interpolation at 0 through the points {@code x -> share}: the secret, if there are at
     * least K distinct points; with fewer, some other value that says nothing about it.
     */
    public static byte[] combine(Map<Integer, byte[]> points) {
        if (points.isEmpty()) {
            throw new IllegalArgumentException("no shares to combine");
        }
        int length = points.values().iterator().next().length;
        int[] xs = points.keySet().stream().mapToInt(Integer::intValue).toArray();
        for (int x : xs) {
            if (x < 1 || x > MAX_SHARES) {
                throw new IllegalArgumentException("share x-coordinate " + x + " is outside 1.." + MAX_SHARES);
            }
            if (points.get(x).length != length) {
                throw new IllegalArgumentException("the shares have different lengths");
            }
        }
        byte[] secret = new byte[length];
        for (int i = 0; i < xs.length; i++) {
            int basis = lagrangeAtZero(xs, i);
            byte[] y = points.get(xs[i]);
            for (int at = 0; at < length; at++) {
                secret[at] ^= (byte) Gf256.mul(basis, y[at] & 0xff);
            }
        }
        return secret;
    }

    /** l_i(0) = prod_{j != i} x_j / (x_j - x_i); subtraction is XOR in GF(2^8). */
    private static int lagrangeAtZero(int[] xs, int i) {
        int numerator = 1;
        int denominator = 1;
        for (int j = 0; j < xs.length; j++) {
            if (j != i) {
                numerator = Gf256.mul(numerator, xs[j]);
                denominator = Gf256.mul(denominator, Gf256.add(xs[j], xs[i]));
            }
        }
        return Gf256.div(numerator, denominator);
    }
}
