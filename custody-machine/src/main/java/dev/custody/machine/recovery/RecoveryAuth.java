package dev.custody.machine.recovery;

import dev.custody.common.TerminalText;
import dev.custody.firmware.heads.ConfigUser;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How the recovery shell and the forced boot are unlocked, as the firmware's config.user says
 * (so that PCR 7 measures it with every other setting):
 * <pre>
 *   export CONFIG_CUSTODY_RECOVERY_AUTH="pbkdf2-sha256:ITERATIONS:SALT:HASH"   (base64 salt and hash)
 *   export CONFIG_CUSTODY_RECOVERY_AUTH="gpg"
 * </pre>
 * Absent, or "none", is Heads' default: anyone at the keyboard, made visible in PCR 4 afterwards.
 * Fields are separated by ':' rather than '$' because Heads sources config.user with a shell,
 * which would expand '$'. Any other value is refused, never read as "none".
 */
public sealed interface RecoveryAuth {
    String CONFIG_KEY = "CONFIG_CUSTODY_RECOVERY_AUTH";
    /** Far above any well-formed line; longer values are refused before they are split. */
    int MAX_VALUE = 256;

    /** The value written to config.user. */
    String configValue();

    /** A word for messages and JSON: none, passphrase, gpg. */
    String mode();

    record None() implements RecoveryAuth {
        public String configValue() {
            return "none";
        }

        public String mode() {
            return "none";
        }
    }

    record Passphrase(PassphraseHash hash) implements RecoveryAuth {
        public String configValue() {
            Base64.Encoder base64 = Base64.getEncoder();
            return PassphraseHash.ALGORITHM + ":" + hash.iterations() + ":" + base64.encodeToString(hash.salt()) + ":"
                    + base64.encodeToString(hash.hash());
        }

        public String mode() {
            return "passphrase";
        }
    }

    record OpenPgp() implements RecoveryAuth {
        public String configValue() {
            return "gpg";
        }

        public String mode() {
            return "gpg";
        }
    }

    static RecoveryAuth of(ConfigUser config) {
        return of(config.settings());
    }

    static RecoveryAuth of(Map<String, String> settings) {
        String value = settings.get(CONFIG_KEY);
        return value == null ? new None() : parse(value);
    }

    Pattern DECIMAL = Pattern.compile("[1-9][0-9]{0,9}");

    /** Parses the value of {@link #CONFIG_KEY}; every refusal is one line naming the setting. */
    static RecoveryAuth parse(String value) {
        if (value.length() > MAX_VALUE) {
            throw refused("is longer than " + MAX_VALUE + " characters");
        }
        if (value.equals("none")) {
            return new None();
        }
        if (value.equals("gpg")) {
            return new OpenPgp();
        }
        String[] fields = value.split(":", -1);
        if (!fields[0].equals(PassphraseHash.ALGORITHM)) {
            throw refused("names an unknown method '" + printable(fields[0]) + "' (known: none, gpg, "
                    + PassphraseHash.ALGORITHM + ":ITERATIONS:SALT:HASH)");
        }
        if (fields.length != 4) {
            throw refused("needs " + PassphraseHash.ALGORITHM + ":ITERATIONS:SALT:HASH, 4 fields, not " + fields.length);
        }
        if (!DECIMAL.matcher(fields[1]).matches()) {
            throw refused("iterations '" + printable(fields[1]) + "' is not a whole number of at most 10 digits");
        }
        long iterations = Long.parseLong(fields[1]);
        byte[] salt;
        byte[] hash;
        try {
            salt = Base64.getDecoder().decode(fields[2]);
            hash = Base64.getDecoder().decode(fields[3]);
        } catch (IllegalArgumentException e) {
            throw refused("salt or hash is not base64");
        }
        try {
            return new Passphrase(new PassphraseHash((int) Math.min(iterations, Integer.MAX_VALUE), salt, hash));
        } catch (IllegalArgumentException e) {
            throw refused(e.getMessage());
        }
    }

    private static IllegalArgumentException refused(String why) {
        return new IllegalArgumentException(CONFIG_KEY + " in config.user " + why);
    }

    /** A value quoted from config.user: short, its control characters (C0, DEL, C1) shown escaped. */
    private static String printable(String text) {
        return TerminalText.escape(text.length() > 32 ? text.substring(0, 32) + "..." : text);
    }
}
