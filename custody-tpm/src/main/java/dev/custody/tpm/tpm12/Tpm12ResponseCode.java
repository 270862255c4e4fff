package dev.custody.tpm.tpm12;

import java.util.Map;

/**
 * A TPM 1.2 result code, decoded into the name TPM Main Part 2 (section 16) gives it and a
 * sentence for someone who has never read that specification.
 */
public record Tpm12ResponseCode(int raw) {
    static final int NON_FATAL = 0x800;
    private static final int VENDOR = 0x400;

    public static final int SUCCESS = 0x00;
    public static final int AUTHFAIL = 0x01;
    public static final int BADINDEX = 0x02;
    public static final int BAD_PARAMETER = 0x03;
    public static final int DEACTIVATED = 0x06;
    public static final int DISABLED = 0x07;
    public static final int INVALID_KEYHANDLE = 0x0C;
    public static final int NOSRK = 0x12;
    public static final int OWNER_SET = 0x14;
    public static final int WRONGPCRVAL = 0x18;
    public static final int AUTH2FAIL = 0x1D;
    public static final int INVALID_AUTHHANDLE = 0x22;
    public static final int INVALID_POSTINIT = 0x26;
    public static final int BAD_PRESENCE = 0x2D;
    public static final int AREA_LOCKED = 0x3C;
    public static final int BAD_LOCALITY = 0x3D;
    public static final int WRONG_ENTITYTYPE = 0x25;
    public static final int BAD_COUNTER = 0x45;
    public static final int RETRY = NON_FATAL;
    public static final int DEFEND_LOCK_RUNNING = NON_FATAL + 3;

    private record Meaning(String name, String explanation) {}

    private static final Map<Integer, Meaning> MEANINGS = Map.ofEntries(
            entry(0x00, "TPM_SUCCESS", "the command succeeded"),
            entry(0x01, "TPM_AUTHFAIL", "the passphrase (authorisation) was wrong"),
            entry(0x02, "TPM_BADINDEX", "the PCR, NV index or other register number does not exist on this TPM"),
            entry(0x03, "TPM_BAD_PARAMETER", "one of the command's parameters is not valid"),
            entry(0x04, "TPM_AUDITFAILURE", "the command succeeded but could not be audited"),
            entry(0x05, "TPM_CLEAR_DISABLED", "clearing the TPM has been disabled (TPM_DisableOwnerClear or TPM_DisableForceClear)"),
            entry(0x06, "TPM_DEACTIVATED", "the TPM is deactivated; activate it in the firmware setup"),
            entry(0x07, "TPM_DISABLED", "the TPM is disabled; enable it in the firmware setup"),
            entry(0x08, "TPM_DISABLED_CMD", "this command has been disabled on this TPM"),
            entry(0x09, "TPM_FAIL", "the TPM could not carry out the command"),
            entry(0x0A, "TPM_BAD_ORDINAL", "the TPM does not know this command"),
            entry(0x0B, "TPM_INSTALL_DISABLED", "installing an owner has been disabled"),
            entry(0x0C, "TPM_INVALID_KEYHANDLE", "the key handle is not loaded"),
            entry(0x0D, "TPM_KEYNOTFOUND", "the key was not found"),
            entry(0x0E, "TPM_INAPPROPRIATE_ENC", "the encryption scheme is not acceptable"),
            entry(0x0F, "TPM_MIGRATEFAIL", "migration authorisation failed"),
            entry(0x10, "TPM_INVALID_PCR_INFO", "the PCR information could not be interpreted"),
            entry(0x11, "TPM_NOSPACE", "the TPM has no room to load another key"),
            entry(0x12, "TPM_NOSRK", "the TPM has no owner (no storage root key); take ownership first"),
            entry(0x13, "TPM_NOTSEALED_BLOB", "the sealed blob is not valid or was not sealed by this TPM"),
            entry(0x14, "TPM_OWNER_SET", "the TPM already has an owner; clear it first"),
            entry(0x15, "TPM_RESOURCES", "the TPM has too few internal resources for this command"),
            entry(0x16, "TPM_SHORTRANDOM", "a random value was too short"),
            entry(0x17, "TPM_SIZE", "the TPM has no room for this command"),
            entry(0x18, "TPM_WRONGPCRVAL", "the PCRs do not hold the values the secret was sealed to"),
            entry(0x19, "TPM_BAD_PARAM_SIZE", "the command's declared size does not match its content"),
            entry(0x1A, "TPM_SHA_THREAD", "there is no SHA-1 thread running"),
            entry(0x1B, "TPM_SHA_ERROR", "an earlier SHA-1 thread failed"),
            entry(0x1C, "TPM_FAILEDSELFTEST", "the TPM failed its self-test and shut down"),
            entry(0x1D, "TPM_AUTH2FAIL", "the second passphrase (the sealed data's or the NV area's) was wrong"),
            entry(0x1E, "TPM_BADTAG", "the command's tag is not valid (is this a TPM 2.0?)"),
            entry(0x1F, "TPM_IOERROR", "an I/O error happened inside the TPM"),
            entry(0x20, "TPM_ENCRYPT_ERROR", "encryption failed inside the TPM"),
            entry(0x21, "TPM_DECRYPT_ERROR", "decryption failed inside the TPM (wrong storage key or damaged blob)"),
            entry(0x22, "TPM_INVALID_AUTHHANDLE", "the authorisation session is not open (it ended, or the TPM was reset)"),
            entry(0x23, "TPM_NO_ENDORSEMENT", "the TPM has no endorsement key"),
            entry(0x24, "TPM_INVALID_KEYUSAGE", "this key may not be used for this command"),
            entry(0x25, "TPM_WRONG_ENTITYTYPE", "the entity type does not fit this command"),
            entry(0x26, "TPM_INVALID_POSTINIT", "the command came in the wrong order after power-on (TPM_Startup twice, or missing)"),
            entry(0x27, "TPM_INAPPROPRIATE_SIG", "the signed data may not include DER information"),
            entry(0x28, "TPM_BAD_KEY_PROPERTY", "the key's properties are not supported by this TPM"),
            entry(0x29, "TPM_BAD_MIGRATION", "the key's migration properties are not valid"),
            entry(0x2A, "TPM_BAD_SCHEME", "the signature or encryption scheme does not fit this key"),
            entry(0x2B, "TPM_BAD_DATASIZE", "the data is too large or too small for this command"),
            entry(0x2C, "TPM_BAD_MODE", "a mode parameter (capability area, protocol) is not valid"),
            entry(0x2D, "TPM_BAD_PRESENCE", "physical presence is not asserted, or cannot be asserted now"),
            entry(0x2E, "TPM_BAD_VERSION", "the TPM cannot handle this structure version"),
            entry(0x2F, "TPM_NO_WRAP_TRANSPORT", "this command may not run inside a transport session"),
            entry(0x30, "TPM_AUDITFAIL_UNSUCCESSFUL", "auditing failed and the command failed"),
            entry(0x31, "TPM_AUDITFAIL_SUCCESSFUL", "auditing failed but the command succeeded"),
            entry(0x32, "TPM_NOTRESETABLE", "this PCR cannot be reset"),
            entry(0x33, "TPM_NOTLOCAL", "this PCR can only be reset from a higher locality"),
            entry(0x34, "TPM_BAD_TYPE", "the identity blob has the wrong type"),
            entry(0x35, "TPM_INVALID_RESOURCE", "the resource type is not valid for this command"),
            entry(0x36, "TPM_NOTFIPS", "the command is not allowed in FIPS mode"),
            entry(0x37, "TPM_INVALID_FAMILY", "the delegation family is not valid"),
            entry(0x38, "TPM_NO_NV_PERMISSION", "the NV storage may not be changed this way (owner or physical presence needed)"),
            entry(0x39, "TPM_REQUIRES_SIGN", "the command must be signed"),
            entry(0x3A, "TPM_KEY_NOTSUPPORTED", "the key cannot be loaded this way"),
            entry(0x3B, "TPM_AUTH_CONFLICT", "both the owner's and the blob's authorisation are needed"),
            entry(0x3C, "TPM_AREA_LOCKED", "the NV area is locked and cannot be written"),
            entry(0x3D, "TPM_BAD_LOCALITY", "the command is not allowed at this locality"),
            entry(0x3E, "TPM_READ_ONLY", "the NV area is read-only"),
            entry(0x3F, "TPM_PER_NOWRITE", "the NV area has no write protection, so this write is refused"),
            entry(0x40, "TPM_FAMILYCOUNT", "the delegation family count does not match"),
            entry(0x41, "TPM_WRITE_LOCKED", "the NV area has already been written and is locked"),
            entry(0x42, "TPM_BAD_ATTRIBUTES", "the NV area's attributes conflict"),
            entry(0x43, "TPM_INVALID_STRUCTURE", "a structure's tag or version is not valid"),
            entry(0x44, "TPM_KEY_OWNER_CONTROL", "the key is under the owner's control and cannot be evicted"),
            entry(0x45, "TPM_BAD_COUNTER", "the counter does not exist, or another counter was already incremented since power-on"),
            entry(0x46, "TPM_NOT_FULLWRITE", "the write does not cover the whole NV area"),
            entry(0x47, "TPM_CONTEXT_GAP", "saved contexts are too far apart"),
            entry(0x48, "TPM_MAXNVWRITES", "too many NV writes without an owner; take ownership first"),
            entry(0x49, "TPM_NOOPERATOR", "no operator passphrase is set"),
            entry(0x4A, "TPM_RESOURCEMISSING", "the resource this context refers to is not loaded"),
            entry(0x4B, "TPM_DELEGATE_LOCK", "delegation administration is locked"),
            entry(0x4C, "TPM_DELEGATE_FAMILY", "the delegated family may not be managed this way"),
            entry(0x4D, "TPM_DELEGATE_ADMIN", "delegation table management is not enabled"),
            entry(0x4E, "TPM_TRANSPORT_NOTEXCLUSIVE", "a command ran outside an exclusive transport session"),
            entry(0x4F, "TPM_OWNER_CONTROL", "an owner-evict key cannot be context-saved"),
            entry(0x58, "TPM_BAD_HANDLE", "the handle is not valid"),
            entry(0x59, "TPM_BAD_DELEGATE", "the delegation is not valid"),
            entry(0x5A, "TPM_BADCONTEXT", "the saved context is not valid"),
            entry(0x5B, "TPM_TOOMANYCONTEXTS", "the TPM holds too many contexts"),
            entry(0x61, "TPM_PERMANENTEK", "the endorsement key cannot be revoked"),
            entry(0x62, "TPM_BAD_SIGNATURE", "the signature is not valid"),
            entry(0x63, "TPM_NOCONTEXTSPACE", "there is no room for another context"),
            entry(0x800, "TPM_RETRY", "the TPM is busy; try again"),
            entry(0x801, "TPM_NEEDS_SELFTEST", "the TPM must finish its self-test (TPM_ContinueSelfTest) first"),
            entry(0x802, "TPM_DOING_SELFTEST", "the TPM is running its self-test; try again shortly"),
            entry(0x803, "TPM_DEFEND_LOCK_RUNNING", "the TPM is defending against passphrase guessing and refuses passphrase checks for a while"));

    private static Map.Entry<Integer, Meaning> entry(int code, String name, String explanation) {
        return Map.entry(code, new Meaning(name, explanation));
    }

    public boolean isSuccess() {
        return raw == SUCCESS;
    }

    public boolean is(int code) {
        return raw == code;
    }

    public String name() {
        Meaning meaning = MEANINGS.get(raw);
        return meaning != null ? meaning.name() : String.format("TPM 1.2 error 0x%x", raw);
    }

    public String explanation() {
        if ((raw & 0xFFFFF000) != 0) {
            return String.format("error 0x%08x came from the software between us and the TPM, not from the TPM", raw);
        }
        Meaning meaning = MEANINGS.get(raw);
        if (meaning != null) {
            return meaning.explanation();
        }
        return (raw & VENDOR) != 0
                ? "a vendor-specific error; the TPM maker's documentation explains it"
                : "an error the TPM 1.2 specification does not list";
    }

    @Override
    public String toString() {
        return String.format("%s (0x%x)", name(), raw);
    }
}
