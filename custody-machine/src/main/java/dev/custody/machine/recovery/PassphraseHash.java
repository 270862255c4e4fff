package dev.custody.machine.recovery;

import dev.custody.common.Secret;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A recovery passphrase as the firmware keeps it: PBKDF2-HMAC-SHA256 (the JDK's) with a random
 * salt, never the passphrase itself. {@link #ITERATIONS} is OWASP's 2023 figure for this hash,
 * about half a second on a laptop; the parser accepts {@link #MIN_ITERATIONS} to
 * {@link #MAX_ITERATIONS} so that a weakened or absurd line is refused rather than trusted.
 */
public record PassphraseHash(int iterations, byte[] salt, byte[] hash) {
    public static final String ALGORITHM = "pbkdf2-sha256";
    public static final int ITERATIONS = 600_000;
    public static final int MIN_ITERATIONS = 100_000;
    public static final int MAX_ITERATIONS = 10_000_000;
    public static final int SALT_BYTES = 16;
    public static final int HASH_BYTES = 32;
    /** Characters; a set passphrase needs at least {@link #MIN_LENGTH}. */
    public static final int MAX_LENGTH = 128;
    public static final int MIN_LENGTH = 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    public PassphraseHash {
        if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("iterations must be " + MIN_ITERATIONS + "-" + MAX_ITERATIONS + ", not " + iterations);
        }
        if (salt.length != SALT_BYTES || hash.length != HASH_BYTES) {
            throw new IllegalArgumentException("the salt must be " + SALT_BYTES + " bytes and the hash " + HASH_BYTES
                    + ", not " + salt.length + " and " + hash.length);
        }
        salt = salt.clone();
        hash = hash.clone();
    }

    /** A new passphrase: checked for length, hashed with a fresh salt. */
    public static PassphraseHash create(Secret passphrase) {
        char[] chars = checked(passphrase, MIN_LENGTH);
        try {
            byte[] salt = new byte[SALT_BYTES];
            RANDOM.nextBytes(salt);
            return new PassphraseHash(ITERATIONS, salt, derive(chars, salt, ITERATIONS));
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    /** Refuses a passphrase {@link #create} would refuse, without the cost of hashing it. */
    public static void checkNew(Secret passphrase) {
        Arrays.fill(checked(passphrase, MIN_LENGTH), '\0');
    }

    /** Constant-time comparison; an empty or over-long attempt is refused before any hashing. */
    public boolean matches(Secret attempt) {
        char[] chars = checked(attempt, 1);
        byte[] derived = derive(chars, salt, iterations);
        try {
            return MessageDigest.isEqual(derived, hash);
        } finally {
            Arrays.fill(chars, '\0');
            Arrays.fill(derived, (byte) 0);
        }
    }

    /** Refuses empty, over-long, non-UTF-8 and control-character passphrases, naming the limit. */
    static char[] checked(Secret passphrase, int minimum) {
        if (passphrase.isEmpty()) {
            throw new IllegalArgumentException("the recovery passphrase is empty");
        }
        if (passphrase.length() > MAX_LENGTH * 4) {
            throw new IllegalArgumentException("the recovery passphrase is longer than " + MAX_LENGTH + " characters");
        }
        CharBuffer decoded;
        try {
            decoded = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(passphrase.bytes()));
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the recovery passphrase is not UTF-8 text");
        }
        char[] chars = new char[decoded.remaining()];
        decoded.get(chars);
        Arrays.fill(decoded.array(), '\0');
        int length = Character.codePointCount(chars, 0, chars.length);
        String problem = length > MAX_LENGTH ? "is longer than " + MAX_LENGTH + " characters"
                : length < minimum ? "is shorter than " + minimum + " characters"
                : hasControl(chars) ? "holds a control character (a newline, tab, escape, ...)" : null;
        if (problem != null) {
            Arrays.fill(chars, '\0');
            throw new IllegalArgumentException("the recovery passphrase " + problem);
        }
        return chars;
    }

    private static boolean hasControl(char[] chars) {
        for (char c : chars) {
            if (Character.isISOControl(c)) {
                return true;
            }
        }
        return false;
    }

    private static byte[] derive(char[] passphrase, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(passphrase, salt, iterations, HASH_BYTES * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available in this Java runtime", e);
        } finally {
            spec.clearPassword();
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PassphraseHash that && iterations == that.iterations
                && Arrays.equals(salt, that.salt) && Arrays.equals(hash, that.hash);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(salt) + Arrays.hashCode(hash) + iterations;
    }

    @Override
    public String toString() {
        return ALGORITHM + ":" + iterations + ":(salt):(hash)";
    }
}
