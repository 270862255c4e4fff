package dev.custody.tpm;

import java.util.Map;

/**
 * A TPM 2.0 response code, decoded into the name the specification gives it (TPM 2.0 Part 2,
 * section 6.6) and a sentence for someone who has never read that specification.
 */
public record ResponseCode(int raw) {
    private static final int FORMAT_ONE = 0x080;
    private static final int VERSION_2 = 0x100;
    private static final int VENDOR = 0x400;
    private static final int PARAMETER = 0x040;
    private static final int SESSION = 0x800;

    public static final int SUCCESS = 0x000;
    public static final int INITIALIZE = 0x100;
    public static final int HANDLE = 0x08B;
    public static final int AUTH_FAIL = 0x08E;
    public static final int BAD_AUTH = 0x0A2;
    public static final int POLICY_FAIL = 0x09D;
    public static final int NV_DEFINED = 0x14C;
    public static final int NV_UNINITIALIZED = 0x14A;
    public static final int OBJECT_MEMORY = 0x902;
    public static final int SESSION_MEMORY = 0x903;
    public static final int MEMORY = 0x904;
    public static final int SESSION_HANDLES = 0x905;
    public static final int OBJECT_HANDLES = 0x906;
    public static final int LOCKOUT = 0x921;
    public static final int RETRY = 0x922;
    public static final int TESTING = 0x90A;
    public static final int YIELDED = 0x908;

    private record Meaning(String name, String explanation) {}

    private static final Map<Integer, Meaning> MEANINGS = Map.ofEntries(
            entry(0x000, "TPM_RC_SUCCESS", "the command succeeded"),
            entry(0x100, "TPM_RC_INITIALIZE", "the TPM has not been started (TPM2_Startup) since power-on"),
            entry(0x101, "TPM_RC_FAILURE", "the TPM is in failure mode and must be reset or power-cycled"),
            entry(0x103, "TPM_RC_SEQUENCE", "the command arrived out of the expected order"),
            entry(0x10B, "TPM_RC_PRIVATE", "the TPM hit an internal error"),
            entry(0x119, "TPM_RC_HMAC", "the TPM rejected the command's integrity check"),
            entry(0x120, "TPM_RC_DISABLED", "the command is disabled on this TPM"),
            entry(0x121, "TPM_RC_EXCLUSIVE", "the command needs an exclusive audit session"),
            entry(0x124, "TPM_RC_AUTH_TYPE", "the object cannot be authorised this way"),
            entry(0x125, "TPM_RC_AUTH_MISSING", "the command needs an authorisation that was not given"),
            entry(0x126, "TPM_RC_POLICY", "the policy session does not fit this command"),
            entry(0x127, "TPM_RC_PCR", "the PCR selection is not valid for this TPM"),
            entry(0x128, "TPM_RC_PCR_CHANGED", "a PCR changed while the policy was being checked; try again"),
            entry(0x12D, "TPM_RC_UPGRADE", "the TPM is in field-upgrade mode"),
            entry(0x12E, "TPM_RC_TOO_MANY_CONTEXTS", "the TPM has no room for another saved context"),
            entry(0x12F, "TPM_RC_AUTH_UNAVAILABLE", "this object cannot be authorised with a passphrase"),
            entry(0x130, "TPM_RC_REBOOT", "the TPM needs a reboot before it can continue"),
            entry(0x131, "TPM_RC_UNBALANCED", "the session's encryption is stronger than the session key"),
            entry(0x142, "TPM_RC_COMMAND_SIZE", "the command's size field is wrong"),
            entry(0x143, "TPM_RC_COMMAND_CODE", "this TPM does not implement the command"),
            entry(0x144, "TPM_RC_AUTHSIZE", "the authorisation area has the wrong size"),
            entry(0x145, "TPM_RC_AUTH_CONTEXT", "this command cannot take an authorisation session"),
            entry(0x146, "TPM_RC_NV_RANGE", "the NV offset or size is outside the index"),
            entry(0x147, "TPM_RC_NV_SIZE", "the TPM has no NV space of that size"),
            entry(0x148, "TPM_RC_NV_LOCKED", "the NV index is locked against this access"),
            entry(0x149, "TPM_RC_NV_AUTHORIZATION", "the NV index does not allow this kind of authorisation"),
            entry(0x14A, "TPM_RC_NV_UNINITIALIZED", "the NV index has never been written"),
            entry(0x14B, "TPM_RC_NV_SPACE", "the TPM's NV memory is full"),
            entry(0x14C, "TPM_RC_NV_DEFINED", "an NV index with that number already exists"),
            entry(0x150, "TPM_RC_BAD_CONTEXT", "a saved context could not be loaded"),
            entry(0x151, "TPM_RC_CPHASH", "the command does not match the hash bound into the policy"),
            entry(0x152, "TPM_RC_PARENT", "the parent is not a storage key"),
            entry(0x153, "TPM_RC_NEEDS_TEST", "the TPM must self-test an algorithm first"),
            entry(0x154, "TPM_RC_NO_RESULT", "the TPM could not produce a result"),
            entry(0x155, "TPM_RC_SENSITIVE", "the object's sensitive part does not match its public part"),
            entry(0x081, "TPM_RC_ASYMMETRIC", "an asymmetric algorithm is not supported or not right here"),
            entry(0x082, "TPM_RC_ATTRIBUTES", "the object or session attributes are inconsistent"),
            entry(0x083, "TPM_RC_HASH", "the hash algorithm is not supported or not right here"),
            entry(0x084, "TPM_RC_VALUE", "a value is out of range or not right for its context"),
            entry(0x085, "TPM_RC_HIERARCHY", "the hierarchy is disabled or not right here"),
            entry(0x087, "TPM_RC_KEY_SIZE", "the key size is not supported"),
            entry(0x088, "TPM_RC_MGF", "the mask generation function is not supported"),
            entry(0x089, "TPM_RC_MODE", "the cipher mode is not supported"),
            entry(0x08A, "TPM_RC_TYPE", "the object type is not right here"),
            entry(0x08B, "TPM_RC_HANDLE", "there is no object, session or NV index at that handle"),
            entry(0x08C, "TPM_RC_KDF", "the key derivation function is not supported"),
            entry(0x08D, "TPM_RC_RANGE", "a value is out of the allowed range"),
            entry(0x08E, "TPM_RC_AUTH_FAIL", "the passphrase is wrong; every failure counts toward the TPM's dictionary-attack lockout"),
            entry(0x08F, "TPM_RC_NONCE", "a session nonce is invalid"),
            entry(0x090, "TPM_RC_PP", "physical presence is required"),
            entry(0x092, "TPM_RC_SCHEME", "the signing or encryption scheme is not right here"),
            entry(0x095, "TPM_RC_SIZE", "a size field is inconsistent"),
            entry(0x096, "TPM_RC_SYMMETRIC", "the symmetric algorithm is not supported"),
            entry(0x097, "TPM_RC_TAG", "the command tag is wrong"),
            entry(0x098, "TPM_RC_SELECTOR", "a union selector is wrong"),
            entry(0x09A, "TPM_RC_INSUFFICIENT", "the TPM ran out of input while reading the command"),
            entry(0x09B, "TPM_RC_SIGNATURE", "the signature does not verify"),
            entry(0x09C, "TPM_RC_KEY", "the key is not right for this command"),
            entry(0x09D, "TPM_RC_POLICY_FAIL", "the policy is not satisfied: the TPM's current state differs from the state the object was bound to"),
            entry(0x09F, "TPM_RC_INTEGRITY", "the object's integrity check failed: it was damaged or made for another TPM"),
            entry(0x0A0, "TPM_RC_TICKET", "the ticket is invalid"),
            entry(0x0A1, "TPM_RC_RESERVED_BITS", "reserved bits are set"),
            entry(0x0A2, "TPM_RC_BAD_AUTH", "the authorisation is wrong (not counted toward lockout)"),
            entry(0x0A3, "TPM_RC_EXPIRED", "the policy has expired"),
            entry(0x0A4, "TPM_RC_POLICY_CC", "the policy is bound to a different command"),
            entry(0x0A5, "TPM_RC_BINDING", "the public and private parts of the object do not belong together"),
            entry(0x0A6, "TPM_RC_CURVE", "the elliptic curve is not supported"),
            entry(0x0A7, "TPM_RC_ECC_POINT", "the point is not on the curve"),
            entry(0x901, "TPM_RC_CONTEXT_GAP", "the TPM needs older sessions to be refreshed"),
            entry(0x902, "TPM_RC_OBJECT_MEMORY", "the TPM has no room for another loaded object"),
            entry(0x903, "TPM_RC_SESSION_MEMORY", "the TPM has no room for another session"),
            entry(0x904, "TPM_RC_MEMORY", "the TPM is out of memory"),
            entry(0x905, "TPM_RC_SESSION_HANDLES", "the TPM has no free session handle"),
            entry(0x906, "TPM_RC_OBJECT_HANDLES", "the TPM has no free object handle"),
            entry(0x907, "TPM_RC_LOCALITY", "the command is not allowed at this locality"),
            entry(0x908, "TPM_RC_YIELDED", "the TPM paused the command; it should be repeated"),
            entry(0x909, "TPM_RC_CANCELED", "the command was cancelled"),
            entry(0x90A, "TPM_RC_TESTING", "the TPM is running its self-test; try again shortly"),
            entry(0x910, "TPM_RC_REFERENCE_H0", "the first handle refers to an object or session that is not loaded"),
            entry(0x911, "TPM_RC_REFERENCE_H1", "the second handle refers to an object or session that is not loaded"),
            entry(0x912, "TPM_RC_REFERENCE_H2", "the third handle refers to an object or session that is not loaded"),
            entry(0x918, "TPM_RC_REFERENCE_S0", "the first session is not loaded (it ended, or the TPM was reset)"),
            entry(0x919, "TPM_RC_REFERENCE_S1", "the second session is not loaded (it ended, or the TPM was reset)"),
            entry(0x920, "TPM_RC_NV_RATE", "the TPM is rate-limiting NV writes to protect its memory; try again later"),
            entry(0x921, "TPM_RC_LOCKOUT", "the TPM is in dictionary-attack lockout after too many wrong passphrases and refuses passphrase checks until it recovers"),
            entry(0x922, "TPM_RC_RETRY", "the TPM asks for the command to be repeated"),
            entry(0x923, "TPM_RC_NV_UNAVAILABLE", "NV memory is temporarily unavailable"));

    private static Map.Entry<Integer, Meaning> entry(int code, String name, String explanation) {
        return Map.entry(code, new Meaning(name, explanation));
    }

    public boolean isSuccess() {
        return raw == SUCCESS;
    }

    /** The code without its handle, parameter or session number, e.g. 0x09D for 0x99D. */
    public int base() {
        if ((raw & FORMAT_ONE) != 0) {
            return raw & 0x0BF;
        }
        return raw & 0xFFF;
    }

    public boolean is(int baseCode) {
        return base() == baseCode;
    }

    public String name() {
        Meaning meaning = MEANINGS.get(base());
        String name = meaning != null ? meaning.name() : String.format("TPM_RC 0x%03x", base());
        return name + where();
    }

    public String explanation() {
        if ((raw & 0xFFFF0000) != 0) {
            return String.format("error 0x%08x came from the software between us and the TPM (layer %d), not from the TPM",
                    raw, raw >>> 16);
        }
        if ((raw & FORMAT_ONE) == 0 && (raw & VERSION_2) == 0 && raw != SUCCESS) {
            return "the TPM answered with a TPM 1.2 error; Custody needs a TPM 2.0";
        }
        if ((raw & FORMAT_ONE) == 0 && (raw & VENDOR) != 0) {
            return "a vendor-specific error; the TPM maker's documentation explains it";
        }
        Meaning meaning = MEANINGS.get(base());
        return meaning != null ? meaning.explanation() : "an error the TPM 2.0 specification does not list";
    }

    /** Format-one codes say which handle, parameter or session they concern. */
    private String where() {
        if ((raw & FORMAT_ONE) == 0 || (raw & 0xF00) == 0) {
            return "";
        }
        if ((raw & PARAMETER) != 0) {
            return " (parameter " + ((raw >> 8) & 0xF) + ")";
        }
        int number = (raw >> 8) & 0x7;
        return (raw & SESSION) != 0 ? " (session " + number + ")" : " (handle " + number + ")";
    }

    @Override
    public String toString() {
        return String.format("%s (0x%x)", name(), raw);
    }
}
