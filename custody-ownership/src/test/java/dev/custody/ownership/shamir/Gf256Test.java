package dev.custody.ownership.shamir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** GF(2^8) checked against FIPS-197's published values and against a table-driven implementation. */
class Gf256Test {
    /** FIPS-197 Figure 7, the AES S-box: S(x) = affine(x^-1). */
    private static final byte[] AES_SBOX = HexFormat.of().parseHex(String.join("",
            "637c777bf26b6fc53001672bfed7ab76", "ca82c97dfa5947f0add4a2af9ca472c0",
            "b7fd9326363ff7cc34a5e5f171d83115", "04c723c31896059a071280e2eb27b275",
            "09832c1a1b6e5aa0523bd6b329e32f84", "53d100ed20fcb15b6acbbe394a4c58cf",
            "d0efaafb434d338545f9027f503c9fa8", "51a3408f929d38f5bcb6da2110fff3d2",
            "cd0c13ec5f974417c4a77e3d645d1973", "60814fdc222a908846eeb814de5e0bdb",
            "e0323a0a4906245cc2d3ac629195e479", "e7c8376d8dd54ea96c56f4ea657aae08",
            "ba78252e1ca6b4c6e8dd741f4bbd8b8a", "703eb5664803f60e613557b986c11d9e",
            "e1f8981169d98e949b1e87e9ce5528df", "8ca1890dbfe6426841992d0fb054bb16"));

    @Test
    void fips197MultiplicationExamples() {
        assertThat(Gf256.mul(0x57, 0x83)).isEqualTo(0xc1); // §4.2
        assertThat(Gf256.mul(0x57, 0x13)).isEqualTo(0xfe); // §4.2.1
        assertThat(Gf256.mul(0x57, 0x02)).isEqualTo(0xae); // §4.2.1, xtime
        assertThat(Gf256.mul(0x57, 0x10)).isEqualTo(0x07);
    }

    @Test
    void inverseReproducesTheAesSbox() {
        for (int x = 0; x < 256; x++) {
            assertThat(affine(Gf256.inv(x))).as("S(%02x)", x).isEqualTo(AES_SBOX[x] & 0xff);
        }
        assertThat(Gf256.inv(0x53)).isEqualTo(0xca); // FIPS-197 §5.1.1: {53} -> {ca} -> {ed}
    }

    @Test
    void multiplicationEqualsLogExpTablesForEveryPair() {
        int[] exp = new int[255];
        int[] log = new int[256];
        int value = 1;
        for (int i = 0; i < 255; i++) {
            exp[i] = value;
            log[value] = i;
            value = tableFreeTimesThree(value);
        }
        for (int a = 0; a < 256; a++) {
            for (int b = 0; b < 256; b++) {
                int expected = a == 0 || b == 0 ? 0 : exp[(log[a] + log[b]) % 255];
                assertThat(Gf256.mul(a, b)).isEqualTo(expected);
            }
            if (a != 0) {
                assertThat(Gf256.inv(a)).isEqualTo(exp[(255 - log[a]) % 255]);
                assertThat(Gf256.div(a, a)).isEqualTo(1);
            }
        }
        assertThatThrownBy(() -> Gf256.div(1, 0)).isInstanceOf(ArithmeticException.class);
    }

    /** 3·v = 2·v + v, with 2·v by the polynomial long division FIPS-197 describes, written another way. */
    private static int tableFreeTimesThree(int v) {
        int doubled = v << 1;
        if (doubled > 0xff) {
            doubled ^= 0x11b;
        }
        return doubled ^ v;
    }

    private static int affine(int b) {
        int s = b ^ rotl(b, 1) ^ rotl(b, 2) ^ rotl(b, 3) ^ rotl(b, 4) ^ 0x63;
        return s & 0xff;
    }

    private static int rotl(int b, int n) {
        return ((b << n) | (b >>> (8 - n))) & 0xff;
    }
}
