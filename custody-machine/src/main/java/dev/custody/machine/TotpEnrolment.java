package dev.custody.machine;

import static dev.custody.common.JsonMaps.object;

import dev.custody.attest.OneTimePassword;
import dev.custody.attest.OtpUri;
import dev.custody.attest.QrCode;
import dev.custody.attest.SealedOtpSecret;
import dev.custody.common.Secret;
import dev.custody.tpm.PcrPolicy;
import dev.custody.tpm.Tpm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A new TOTP/HOTP secret sealed by 'totp seal', with what the phone needs: the otpauth URI (also
 * as a QR code, and a PNG when asked) and the secret in Base32. It is shown this once, on purpose.
 *
 * @param savedSecrets the owner secrets own reset saved, which now hold this secret, when there are any
 */
public record TotpEnrolment(String uri, String base32, List<Integer> pcrs, Optional<Path> qrPng, String code,
                            Optional<Path> savedSecrets) {

    /** Seals a new secret to {@code pcrs} (see {@link MachineOtp#enroll}); {@code label} is the account name the phone shows. */
    public static TotpEnrolment enroll(Machine machine, Tpm tpm, Secret ownerAuth, List<Integer> pcrs, String label,
                                       Optional<Path> qrPng) {
        try (Secret secret = new MachineOtp(machine, tpm, ownerAuth).enroll(pcrs)) {
            String uri = OtpUri.totp(label, secret.bytes());
            qrPng.ifPresent(png -> QrCode.of(uri).writePng(png));
            String code = OneTimePassword.totp(secret.bytes(), Instant.now()).code();
            Path saved = SavedSecrets.file(machine);
            return new TotpEnrolment(uri, OtpUri.base32(secret.bytes()), pcrs, qrPng, code,
                    Files.exists(saved) ? Optional.of(saved) : Optional.empty());
        }
    }

    /** What 'totp seal' prints: the QR code, the secret, where it is sealed, and the current code. */
    public String text() {
        return QrCode.of(uri).toTerminal() + "Secret (Base32): " + base32
                + qrPng.map(png -> "\nQR code written to " + png).orElse("")
                + String.format("%nSealed to PCRs %s at 0x%08x. Current code: %s", new PcrPolicy(pcrs, false).pcrList(),
                        SealedOtpSecret.HANDLE, code)
                + savedSecrets.map(file -> "\nThe saved owner secrets in " + file + " now hold this secret.").orElse("");
    }

    /** The same as 'totp seal --json' reports it. */
    public Map<String, Object> toJson() {
        return object("uri", uri, "handle", String.format("0x%08x", SealedOtpSecret.HANDLE), "pcrs", pcrs,
                "qrPng", qrPng.map(Path::toString).orElse(null), "code", code,
                "savedSecrets", savedSecrets.map(Path::toString).orElse(null));
    }
}
