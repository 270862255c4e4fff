package dev.custody.ownership.shamir;

/**
 * Arithmetic in GF(2^8) with AES's polynomial x^8 + x^4 + x^3 + x + 1 (FIPS-197 §4.2). Written
 * without tables or data-dependent branches, so the time it takes says nothing about the secret
 * bytes it multiplies.
 */
public final class Gf256 {
    private static final int REDUCTION = 0x1b;

    private Gf256() {}

    public static int add(int a, int b) {
        return (a ^ b) & 0xff;
    }

    /** Shift-and-add multiplication, reducing after each doubling ("xtime" in FIPS-197 §4.2.1). */
    public static int mul(int a, int b) {
        int product = 0;
        int x = a & 0xff;
        int y = b & 0xff;
        for (int bit = 0; bit < 8; bit++) {
            product ^= x & -(y & 1);
            int carry = -((x >> 7) & 1);
            x = ((x << 1) ^ (REDUCTION & carry)) & 0xff;
            y >>= 1;
        }
        return product;
    }

    /** a^254 = a^-1 for a != 0 (the multiplicative group has order 255); 0 maps to 0, as in the AES S-box. */
    public static int inv(int a) {
        int result = 1;
        int power = a & 0xff;
        for (int exponent = 254; exponent > 0; exponent >>= 1) {
            int factor = mul(result, power);
            int take = -(exponent & 1);
            result = (factor & take) | (result & ~take);
            power = mul(power, power);
        }
        return result;
    }

    public static int div(int a, int b) {
        if ((b & 0xff) == 0) {
            throw new ArithmeticException("division by zero in GF(256)");
        }
        return mul(a, inv(b));
    }
}
