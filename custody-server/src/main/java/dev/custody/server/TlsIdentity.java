package dev.custody.server;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The server's TLS identity: a private CA of its own and a server certificate it issued, both
 * ECDSA P-256. Agents do not trust the CA through any store; they pin the server certificate's
 * SHA-256 fingerprint, which {@code server init} prints.
 */
public final class TlsIdentity {
    private static final SecureRandom RANDOM = new SecureRandom();
    static final String ALIAS = "server";

    private TlsIdentity() {}

    /** A PKCS#12 key store holding the server key with its chain (server, CA), protected by {@code password}. */
    public static byte[] newKeyStore(char[] password, List<String> hostNames) {
        try {
            KeyPair ca = newKeyPair();
            KeyPair server = newKeyPair();
            Instant now = Instant.now();
            X500Name caName = new X500Name("CN=Custody fleet server CA");
            X509Certificate caCertificate = sign(new JcaX509v3CertificateBuilder(caName, serial(),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(3650))), caName,
                    ca.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)), ca);
            X509v3CertificateBuilder leaf = new JcaX509v3CertificateBuilder(caName, serial(),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(825))),
                    new X500Name("CN=" + hostNames.getFirst()), server.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectAlternativeName, false, alternativeNames(hostNames));
            X509Certificate serverCertificate = sign(leaf, ca);
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(ALIAS, server.getPrivate(), password, new Certificate[] {serverCertificate, caCertificate});
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            store.store(out, password);
            return out.toByteArray();
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make the server's TLS certificate: " + e.getMessage(), e);
        }
    }

    public static KeyStore load(byte[] keyStore, char[] password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(keyStore), password);
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("the server's TLS key store does not open: " + e.getMessage());
        }
    }

    /** SHA-256 of the server certificate's DER encoding, lower-case hex. */
    public static String fingerprint(KeyStore store) {
        try {
            return fingerprint((X509Certificate) store.getCertificate(ALIAS));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Accepts "AB:CD:..." as well as plain hex; refuses anything that is not 32 bytes. */
    public static String normalizeFingerprint(String text) {
        String hex = text.replace(":", "").strip().toLowerCase(Locale.ROOT);
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("the fingerprint '" + text + "' is not a SHA-256 fingerprint (64 hex digits)");
        }
        return hex;
    }

    private static GeneralNames alternativeNames(List<String> hostNames) {
        List<GeneralName> names = new ArrayList<>();
        for (String host : hostNames) {
            boolean address = host.matches("[0-9.]+") || host.contains(":");
            names.add(new GeneralName(address ? GeneralName.iPAddress : GeneralName.dNSName, host));
        }
        return new GeneralNames(names.toArray(GeneralName[]::new));
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuer)
            throws OperatorCreationException, GeneralSecurityException {
        ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return generator.generateKeyPair();
    }

    private static BigInteger serial() {
        return new BigInteger(64, RANDOM).add(BigInteger.ONE);
    }

    /** The names a new server certificate carries: loopback, and this host's name. */
    /** The default names and, after them, those of {@code extra} not among them yet. */
    public static List<String> hostNames(List<String> extra) {
        List<String> names = new ArrayList<>(defaultHostNames());
        extra.stream().filter(n -> !names.contains(n)).forEach(names::add);
        return names;
    }

    public static List<String> defaultHostNames() {
        List<String> names = new ArrayList<>(List.of("localhost", "127.0.0.1", "::1"));
        try {
            String host = InetAddress.getLocalHost().getHostName();
            if (!names.contains(host)) {
                names.add(host);
            }
        } catch (IOException e) {
            // Without a resolvable host name, loopback names are still enough for a first server.
        }
        return names;
    }
}
