package dev.custody.tpm.session;

/**
 * A plain password session (TPM_RS_PW). The password crosses the bus in the clear, so this is
 * used only where the authorisation is empty and nothing secret is sent: reading or extending
 * PCRs, signing a quote with a key that has no passphrase.
 */
public final class PasswordAuthorization implements Authorization {
    public static final PasswordAuthorization EMPTY = new PasswordAuthorization();

    private PasswordAuthorization() {}
}
