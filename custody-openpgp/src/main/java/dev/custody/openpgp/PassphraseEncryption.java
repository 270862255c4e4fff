package dev.custody.openpgp;

import dev.custody.common.Secret;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Date;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPEncryptedDataList;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.PGPPBEEncryptedData;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcPBEDataDecryptorFactory;
import org.bouncycastle.openpgp.operator.bc.BcPBEKeyEncryptionMethodGenerator;
import org.bouncycastle.openpgp.operator.bc.BcPGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;

/**
 * OpenPGP passphrase encryption (AES-256 with an integrity check), the format of
 * {@code gpg --symmetric --cipher-algo AES256}, so what Custody encrypts can also be opened with gpg.
 */
public final class PassphraseEncryption {
    private PassphraseEncryption() {}

    public static byte[] encrypt(byte[] plain, String fileName, Secret passphrase) {
        char[] chars = OpenPgpKeys.toChars(passphrase);
        try {
            PGPEncryptedDataGenerator generator = new PGPEncryptedDataGenerator(
                    new BcPGPDataEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256)
                            .setWithIntegrityPacket(true).setSecureRandom(new SecureRandom()));
            generator.addMethod(new BcPBEKeyEncryptionMethodGenerator(chars));
            ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length + 512);
            try (OutputStream encrypted = generator.open(out, new byte[1 << 16]);
                 OutputStream literal = new PGPLiteralDataGenerator().open(encrypted, PGPLiteralData.BINARY, fileName,
                         plain.length, new Date())) {
                literal.write(plain);
            }
            return out.toByteArray();
        } catch (IOException | PGPException e) {
            throw new IllegalStateException("cannot encrypt " + fileName + ": " + e.getMessage(), e);
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    /** The plain bytes; a wrong passphrase or damaged file is an IllegalArgumentException naming {@code what}. */
    public static byte[] decrypt(byte[] encrypted, String what, Secret passphrase) {
        char[] chars = OpenPgpKeys.toChars(passphrase);
        try {
            Object first = new BcPGPObjectFactory(new ByteArrayInputStream(encrypted)).nextObject();
            if (!(first instanceof PGPEncryptedDataList list) || !(list.get(0) instanceof PGPPBEEncryptedData data)) {
                throw new IllegalArgumentException(what + " is not passphrase-encrypted OpenPGP data");
            }
            InputStream clear;
            try {
                clear = data.getDataStream(new BcPBEDataDecryptorFactory(chars, new BcPGPDigestCalculatorProvider()));
            } catch (PGPException e) {
                throw new IllegalArgumentException("wrong passphrase for " + what);
            }
            Object content = new BcPGPObjectFactory(clear).nextObject();
            if (content instanceof PGPCompressedData compressed) {
                content = new BcPGPObjectFactory(compressed.getDataStream()).nextObject();
            }
            if (!(content instanceof PGPLiteralData literal)) {
                throw new IllegalArgumentException(what + " does not hold a file");
            }
            byte[] plain = literal.getInputStream().readAllBytes();
            if (!data.isIntegrityProtected() || !data.verify()) {
                throw new IllegalArgumentException(what + " was altered (its integrity check failed)");
            }
            return plain;
        } catch (IOException | PGPException | RuntimeException e) {
            if (e instanceof IllegalArgumentException user) {
                throw user;
            }
            // A wrong passphrase that passed the 2-byte quick check ends here as garbage packets.
            throw new IllegalArgumentException("wrong passphrase for " + what + ", or the file is damaged");
        } finally {
            Arrays.fill(chars, '\0');
        }
    }
}
