package dev.custody.openpgp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import org.bouncycastle.bcpg.sig.IssuerFingerprint;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;

/** Checks a detached signature against a keyring, the way gpgv does. */
public final class SignatureCheck {
    private SignatureCheck() {}

    /** A good signature's signer, or the reason the signature is not good. */
    public sealed interface Result permits Good, Bad {}

    public record Good(String fingerprint, String owner) implements Result {}

    public record Bad(String reason) implements Result {}

    public static Result verify(byte[] signature, byte[] data, Keyring keyring) {
        return verify(signature, data, keyring, "the signed kexec*.txt files");
    }

    /** {@code signed} names the data in the message of a signature that does not match it. */
    public static Result verify(byte[] signature, byte[] data, Keyring keyring, String signed) {
        Optional<PGPSignature> parsed = parse(signature);
        if (parsed.isEmpty()) {
            return new Bad("not an OpenPGP signature");
        }
        PGPSignature sig = parsed.get();
        Optional<PGPPublicKey> key = keyring.key(sig.getKeyID());
        if (key.isEmpty()) {
            return new Bad("made by key " + String.format("%016X", sig.getKeyID()) + ", which is not in the keyring");
        }
        if (key.get().hasRevocation()) {
            return new Bad("made by a revoked key");
        }
        try {
            sig.init(new BcPGPContentVerifierBuilderProvider(), key.get());
            sig.update(data);
            if (!sig.verify()) {
                return new Bad("does not match " + signed);
            }
        } catch (PGPException e) {
            return new Bad("cannot be checked: " + e.getMessage());
        }
        return new Good(HexFormat.of().withUpperCase().formatHex(key.get().getFingerprint()), keyring.owner(sig.getKeyID()));
    }

    /** The signing key's fingerprint from the issuer-fingerprint subpacket, else its 64-bit key ID. */
    public static String issuer(String armoredSignature) {
        try (InputStream in = PGPUtil.getDecoderStream(
                new ByteArrayInputStream(armoredSignature.getBytes(StandardCharsets.US_ASCII)))) {
            if (new BcPGPObjectFactory(in).nextObject() instanceof PGPSignatureList list && !list.isEmpty()) {
                PGPSignature signature = list.get(0);
                IssuerFingerprint fingerprint = signature.getHashedSubPackets() == null ? null
                        : signature.getHashedSubPackets().getIssuerFingerprint();
                if (fingerprint != null) {
                    return HexFormat.of().withUpperCase().formatHex(fingerprint.getFingerprint());
                }
                return String.format("%016X", signature.getKeyID());
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("the signer produced something that is not an OpenPGP signature", e);
        }
        throw new IllegalStateException("the signer produced something that is not an OpenPGP signature");
    }

    private static Optional<PGPSignature> parse(byte[] signature) {
        try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(signature))) {
            Object object = new BcPGPObjectFactory(in).nextObject();
            if (object instanceof PGPSignatureList list && !list.isEmpty()) {
                return Optional.of(list.get(0));
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
