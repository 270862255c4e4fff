package dev.custody.server;

import dev.custody.common.AtomicFiles;
import dev.custody.common.JsonMaps;
import dev.custody.server.store.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A server's folder: its TLS key store (and that store's password), the admin token, the
 * embedded H2 database unless a PostgreSQL URL is given at start, and the daemon's pid and log.
 * Everything secret is 0600. Made whole or not at all: built beside the target, then renamed.
 */
public record ServerDirectory(Path directory) {
    private static final SecureRandom RANDOM = new SecureRandom();

    public ServerDirectory {
        directory = directory.toAbsolutePath().normalize();
    }

    public Path adminToken() {
        return directory.resolve("admin-token");
    }

    public Path keyStore() {
        return directory.resolve("tls").resolve("server.p12");
    }

    public Path keyStorePassword() {
        return directory.resolve("tls").resolve("server.p12.password");
    }

    public Path pidFile() {
        return directory.resolve("server.pid");
    }

    public Path logFile() {
        return directory.resolve("server.log");
    }

    /** The embedded database's JDBC URL; PostgreSQL mode, so one schema serves both databases. */
    public String h2Url() {
        return "jdbc:h2:file:" + directory.resolve("db").resolve("fleet")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    }

    /** What init made, for the operator to note: above all the fingerprint agents pin. */
    public record Created(ServerDirectory directory, String fingerprint, List<String> certificateNames) {
        /** As {@code server init --json} shows it. */
        public Map<String, Object> toJson() {
            return JsonMaps.object("directory", directory.directory().toString(), "adminToken", directory.adminToken().toString(),
                    "certificateNames", certificateNames, "fingerprint", fingerprint);
        }

        public String text() {
            return "Made server folder " + directory.directory()
                    + "\n  admin token: " + directory.adminToken() + " (0600)"
                    + "\n  certificate names: " + String.join(", ", certificateNames)
                    + "\nServer certificate SHA-256 fingerprint: " + fingerprint;
        }
    }

    public static Created init(Path target, List<String> hostNames) {
        ServerDirectory wanted = new ServerDirectory(target);
        if (Files.exists(wanted.directory) && !isEmptyDirectory(wanted.directory)) {
            throw new IllegalArgumentException(wanted.directory + " already exists and is not empty; "
                    + "a server folder is made once (choose a new folder)");
        }
        Path parent = wanted.directory.getParent();
        Path staging;
        try {
            Files.createDirectories(parent);
            staging = Files.createTempDirectory(parent, "." + wanted.directory.getFileName() + ".init-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + wanted.directory, e);
        }
        try {
            ServerDirectory building = new ServerDirectory(staging);
            char[] password = randomText(24).toCharArray();
            byte[] store = TlsIdentity.newKeyStore(password, hostNames);
            Files.createDirectories(building.keyStore().getParent());
            AtomicFiles.writePrivate(building.keyStorePassword(), new String(password).getBytes(StandardCharsets.US_ASCII));
            AtomicFiles.writePrivate(building.keyStore(), store);
            AtomicFiles.writePrivate(building.adminToken(), (randomText(32) + "\n").getBytes(StandardCharsets.US_ASCII));
            String fingerprint = TlsIdentity.fingerprint(TlsIdentity.load(store, password));
            Arrays.fill(password, '\0');
            Database.open(building.h2Url()).close();
            if (Files.exists(wanted.directory)) {
                Files.delete(wanted.directory);
            }
            Files.move(staging, wanted.directory, StandardCopyOption.ATOMIC_MOVE);
            return new Created(wanted, fingerprint, hostNames);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + wanted.directory, e);
        } finally {
            deleteQuietly(staging);
        }
    }

    /** An existing server folder; refuses one that init did not make. */
    public static ServerDirectory existing(Path path) {
        ServerDirectory server = new ServerDirectory(path);
        if (!Files.isRegularFile(server.keyStore()) || !Files.isRegularFile(server.adminToken())) {
            throw new IllegalArgumentException(server.directory + " is not a Custody server folder; "
                    + "make one with 'custody server init DIR'");
        }
        return server;
    }

    public KeyStore loadKeyStore() {
        char[] password = readText(keyStorePassword()).toCharArray();
        try {
            return TlsIdentity.load(read(keyStore()), password);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    public char[] keyStorePasswordChars() {
        return readText(keyStorePassword()).toCharArray();
    }

    /** The server keeps only the token's hash in memory. */
    public byte[] adminTokenSha256() {
        return sha256(readText(adminToken()));
    }

    public static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sha256Hex(String text) {
        return HexFormat.of().formatHex(sha256(text));
    }

    /**
     * URL-safe random text of {@code bytes} random bytes, never starting with '-': tokens are pasted
     * after options such as {@code --token}, and one that looks like an option is refused there.
     */
    public static String randomText(int bytes) {
        byte[] random = new byte[bytes];
        String text;
        do {
            RANDOM.nextBytes(random);
            text = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        } while (text.startsWith("-"));
        return text;
    }

    private static String readText(Path file) {
        return new String(read(file), StandardCharsets.UTF_8).strip();
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static boolean isEmptyDirectory(Path path) {
        try (Stream<Path> entries = Files.list(path)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteQuietly(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> all = Files.walk(path)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Only a failed init leaves its staging folder, and it is hidden beside the target.
        }
    }
}
