package dev.custody.seals.store;

import dev.custody.common.AtomicFiles;
import dev.custody.common.Secret;
import dev.custody.openpgp.Keyring;
import dev.custody.openpgp.PassphraseEncryption;
import dev.custody.openpgp.SignatureCheck;
import dev.custody.openpgp.Signer;
import dev.custody.seals.Region;
import dev.custody.seals.photo.Photo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Enrolled reference photos, one folder per seal:
 * <pre>
 *   NAME/seal.json          name, ROI, photo SHA-256, date, signer
 *   NAME/seal.json.asc      detached OpenPGP signature of seal.json
 *   NAME/reference.jpg      the photo as taken (reference.jpg.gpg when passphrase-encrypted)
 *   NAME/reference.jpg.asc  detached OpenPGP signature of the (decrypted) photo bytes
 * </pre>
 * Everything is signed with the owner's key, so someone with access to the folder cannot swap in
 * a photo of their re-applied seal: {@link #load} checks both signatures against a keyring the
 * caller trusts, and the hash, and refuses the reference if anything is off.
 */
public final class SealStore {
    static final String METADATA = "seal.json";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final Path directory;

    public SealStore(Path directory) {
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }

    /** {@code $XDG_DATA_HOME/custody/seals}, else {@code ~/.local/share/custody/seals}. */
    public static Path defaultDirectory(Map<String, String> env) {
        String data = env.get("XDG_DATA_HOME");
        Path base = data != null && !data.isBlank() && Path.of(data).isAbsolute()
                ? Path.of(data)
                : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("custody").resolve("seals");
    }

    /**
     * The store a command uses: the folder it names, else the seals folder in a lab machine's
     * state ({@code labState}), else the user's {@link #defaultDirectory}.
     */
    public static SealStore chosen(Optional<Path> named, Optional<Path> labState, Map<String, String> env) {
        return new SealStore(named.or(() -> labState.map(state -> state.resolve("seals")))
                .orElseGet(() -> defaultDirectory(env)));
    }

    /** What {@link #enroll} wrote. */
    public record Enrolled(SealMetadata metadata, Path folder) {}

    /**
     * Signs and stores a reference photo. With a passphrase the photo is stored encrypted; the
     * metadata stays readable so {@code seals list} needs no passphrase.
     */
    public Enrolled enroll(String name, Photo photo, Optional<Region> roi, Signer signer, Optional<Secret> passphrase,
                           boolean replace) {
        checkName(name);
        roi.ifPresent(photo::requireInside);
        Path folder = directory.resolve(name);
        if (Files.exists(folder) && !replace) {
            throw new IllegalArgumentException("a seal named " + name + " is already enrolled in " + directory
                    + "; give --replace to enrol a new reference for it");
        }
        String photoFile = "reference." + photo.format().extension();
        String photoSignature = signer.sign(photo.bytes());
        String fingerprint = SignatureCheck.issuer(photoSignature);
        SealMetadata metadata = new SealMetadata(name, photo.format(), roi, sha256(photo.bytes()), Instant.now(),
                fingerprint, passphrase.isPresent());
        byte[] json = metadata.toJson();
        String metadataSignature = signer.sign(json);
        Path staging = null;
        try {
            if (!Files.isDirectory(directory)) {
                Files.createDirectories(directory);
                Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
            }
            staging = Files.createTempDirectory(directory, "." + name + ".new-");
            AtomicFiles.writePrivate(staging.resolve(METADATA), json);
            AtomicFiles.writePrivate(staging.resolve(METADATA + ".asc"), metadataSignature.getBytes(StandardCharsets.US_ASCII));
            AtomicFiles.writePrivate(staging.resolve(photoFile + ".asc"), photoSignature.getBytes(StandardCharsets.US_ASCII));
            byte[] stored = passphrase.map(p -> PassphraseEncryption.encrypt(photo.bytes(), photoFile, p)).orElse(photo.bytes());
            AtomicFiles.writePrivate(staging.resolve(storedName(photoFile, passphrase.isPresent())), stored);
            install(staging, folder);
            staging = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the reference in " + directory, e);
        } finally {
            deleteTree(staging);
        }
        return new Enrolled(metadata, folder);
    }

    /** The new folder replaces the old one in a rename, so a crash leaves one complete reference. */
    private static void install(Path staging, Path folder) throws IOException {
        Path old = null;
        if (Files.exists(folder)) {
            old = Files.createTempDirectory(folder.getParent(), "." + folder.getFileName() + ".old-");
            Files.delete(old);
            Files.move(folder, old, StandardCopyOption.ATOMIC_MOVE);
        }
        try {
            Files.move(staging, folder, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the store folder does not support atomic renames", e);
        }
        deleteTree(old);
    }

    /** Names of enrolled seals, sorted. Listing verifies nothing; {@link #load} does. */
    public List<String> names() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(p -> Files.isRegularFile(p.resolve(METADATA)))
                    .map(p -> p.getFileName().toString()).filter(n -> NAME.matcher(n).matches()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
    }

    /** The stored metadata as written, not verified: for listings only. */
    public SealMetadata unverifiedMetadata(String name) {
        return SealMetadata.parse(read(directory.resolve(name).resolve(METADATA), name), "the metadata of seal " + name);
    }

    /**
     * The reference for {@code name}, only if both signatures are good signatures by one key in
     * {@code trusted}, the metadata names this seal and the photo has the signed hash.
     *
     * @param passphrase asked only if the photo is encrypted
     */
    public VerifiedReference load(String name, Keyring trusted, Supplier<Secret> passphrase) {
        checkName(name);
        Path folder = directory.resolve(name);
        if (!Files.isRegularFile(folder.resolve(METADATA))) {
            throw new IllegalArgumentException("no seal named " + name + " is enrolled in " + directory
                    + "; enrol it first with: custody seals enroll --name " + name + " PHOTO");
        }
        String refuse = "refusing the reference of seal " + name + ": ";
        byte[] json = read(folder.resolve(METADATA), name);
        SignatureCheck.Good metadataSigner = verified(folder.resolve(METADATA + ".asc"), json, trusted,
                refuse + "the signature of " + METADATA, name);
        SealMetadata metadata = SealMetadata.parse(json, refuse + METADATA);
        if (!metadata.name().equals(name)) {
            throw new ReferenceRefusedException(refuse + "its metadata is signed for seal " + metadata.name()
                    + " (copied from another seal?)");
        }
        if (!sameKey(metadataSigner.fingerprint(), metadata.signer())) {
            throw new ReferenceRefusedException(refuse + "signed by " + metadataSigner.fingerprint()
                    + " but its metadata names " + metadata.signer());
        }
        String photoFile = "reference." + metadata.format().extension();
        Path stored = folder.resolve(storedName(photoFile, metadata.encrypted()));
        byte[] photo = read(stored, name);
        if (metadata.encrypted()) {
            try (Secret secret = passphrase.get()) {
                photo = PassphraseEncryption.decrypt(photo, "the encrypted reference of seal " + name, secret);
            }
        }
        if (!sha256(photo).equals(metadata.sha256())) {
            throw new ReferenceRefusedException(refuse + "the photo " + stored
                    + " is not the one enrolled (its SHA-256 differs from the signed one)");
        }
        SignatureCheck.Good photoSigner = verified(folder.resolve(photoFile + ".asc"), photo, trusted,
                refuse + "the signature of the photo", name);
        if (!photoSigner.fingerprint().equals(metadataSigner.fingerprint())) {
            throw new ReferenceRefusedException(refuse + "the photo and its metadata were signed by different keys");
        }
        return new VerifiedReference(metadata, photo, photoSigner.fingerprint(), photoSigner.owner());
    }

    private static SignatureCheck.Good verified(Path signatureFile, byte[] data, Keyring trusted, String what,
                                                String name) {
        byte[] signature = read(signatureFile, name);
        return switch (SignatureCheck.verify(signature, data, trusted)) {
            case SignatureCheck.Good good -> good;
            case SignatureCheck.Bad bad -> throw new ReferenceRefusedException(what + " " + reword(bad.reason())
                    + "; if you did not change it, the reference was tampered with");
        };
    }

    /** SignatureCheck speaks of /boot files; here the signed thing is a seal reference. */
    private static String reword(String reason) {
        return reason.startsWith("does not match") ? "does not match what it signs" : "is bad: " + reason;
    }

    private static boolean sameKey(String fingerprint, String recorded) {
        String expected = recorded.toUpperCase(Locale.ROOT);
        return fingerprint.equals(expected) || (expected.length() == 16 && fingerprint.endsWith(expected));
    }

    private static String storedName(String photoFile, boolean encrypted) {
        return encrypted ? photoFile + ".gpg" : photoFile;
    }

    private static void checkName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' cannot be a seal name; use letters, digits, '.', '_' "
                    + "and '-' (up to 64), e.g. bottom-left-screw");
        }
    }

    private static byte[] read(Path file, String name) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ReferenceRefusedException("refusing the reference of seal " + name + ": " + file
                    + " is missing; re-enrol the seal if you removed it");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path root) {
        if (root == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + root, e);
        }
    }
}
