package dev.custody.boot.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custody.boot.BootFixtures;
import dev.custody.boot.GnupgHome;
import dev.custody.boot.Tools;
import dev.custody.common.Secret;
import dev.custody.openpgp.GeneratedKey;
import dev.custody.openpgp.GpgSigner;
import dev.custody.openpgp.KeyAlgorithm;
import dev.custody.openpgp.Keyring;
import dev.custody.openpgp.OpenPgpKeys;
import dev.custody.openpgp.SoftwareSigner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SignAndVerifyTest {
    static final String KERNEL = "vmlinuz-6.1.0-28-amd64";
    static final String INITRD = "initrd.img-6.1.0-28-amd64";

    @RegisterExtension
    static final GnupgHome heads = new GnupgHome("Heads Owner <owner@example.org>");

    static GeneratedKey owner;
    static GeneratedKey stranger;

    @TempDir
    Path boot;
    @TempDir
    Path keys;

    @BeforeAll
    static void makeKeys() {
        try (Secret passphrase = Secret.copyOf("correct horse".getBytes(StandardCharsets.UTF_8))) {
            owner = OpenPgpKeys.generate("Owner <owner@example.org>", KeyAlgorithm.ED25519, passphrase);
            stranger = OpenPgpKeys.generate("Stranger <evil@example.org>", KeyAlgorithm.ED25519, passphrase);
        }
    }

    @BeforeEach
    void debianBoot() {
        BootFixtures.copy("debian", boot, KERNEL, INITRD, "vmlinuz-6.1.0-27-amd64", "initrd.img-6.1.0-27-amd64",
                "intel-ucode.img", "config-6.1.0-28-amd64", "System.map-6.1.0-28-amd64");
        BootFixtures.write(boot, "grub/fonts/unicode.pf2", "font");
    }

    private Path file(String name, String content) throws IOException {
        Path file = keys.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    private SoftwareSigner signer(GeneratedKey key) throws IOException {
        Path keyFile = file("key-" + key.fingerprint() + ".asc", key.armoredSecretKey());
        try (Secret passphrase = Secret.copyOf("correct horse".getBytes(StandardCharsets.UTF_8))) {
            return SoftwareSigner.unlock(keyFile, passphrase);
        }
    }

    private Keyring ownerKeyring() throws IOException {
        return Keyring.load(file("owner.asc", owner.armoredPublicKey()));
    }

    private SignResult sign() throws IOException {
        return BootSigner.sign(boot, signer(owner), OptionalInt.of(1), Optional.empty());
    }

    private Verification verify() throws IOException {
        return BootVerifier.verify(boot, ownerKeyring(), Optional.empty(), false);
    }

    @Test
    void custodySignedBootPassesHeadsOwnChecksWithSha256sumAndGpgv() throws IOException {
        SignResult result = sign();
        assertThat(result.written()).containsExactly("kexec_default.1.txt", "kexec_default_hashes.txt",
                "kexec_hashes.txt", "kexec_tree.txt", "kexec.sig");
        Path keyring = keys.resolve("owner.gpg");
        Files.writeString(keys.resolve("owner.asc"), owner.armoredPublicKey());
        assertThat(Tools.bash(keys, Map.of(), "gpg --dearmor < owner.asc > owner.gpg").exit()).isZero();

        Tools.Result hashes = Tools.bash(boot, Map.of(), "sha256sum -c kexec_hashes.txt");
        assertThat(hashes.exit()).as(hashes.out()).isZero();
        assertThat(hashes.out()).contains("./" + KERNEL + ": OK", "./grub/grub.cfg: OK");
        Tools.Result gpgv = Tools.bash(boot, Map.of(), "sha256sum kexec*.txt | gpgv --keyring " + keyring + " kexec.sig -");
        assertThat(gpgv.exit()).as(gpgv.out()).isZero();
        assertThat(gpgv.out()).contains("Good signature from \"Owner <owner@example.org>\"");
        Tools.Result tree = Tools.bash(boot, Map.of(), "find ./ ! -path './kexec*' -print0 | sort -z | cmp - kexec_tree.txt");
        assertThat(tree.exit()).as(tree.out()).isZero();
        Tools.Result defaults = Tools.bash(boot, Map.of(), "sha256sum -c kexec_default_hashes.txt");
        assertThat(defaults.out()).contains("./" + KERNEL + ": OK", "./" + INITRD + ": OK");
        assertThat(Files.readString(boot.resolve("kexec_default.1.txt")))
                .startsWith("Debian GNU/Linux|elf|kernel /" + KERNEL + "|initrd /" + INITRD + "|append ");

        Verification verification = verify();
        assertThat(verification.findings()).isEmpty();
        assertThat(verification.ok()).isTrue();
        assertThat(verification.signer()).hasValueSatisfying(s -> assertThat(s.owner()).isEqualTo("Owner <owner@example.org>"));
        assertThat(verification.filesHashed()).isEqualTo(9);
    }

    @Test
    void bootSignedTheHeadsWayWithFindSha256sumAndGpgVerifiesWithCustody() {
        String script = """
                find ./ -type f ! -path './kexec*' -print0 | xargs -0 sha256sum > kexec_hashes.txt
                find ./ ! -path './kexec*' -print0 | sort -z > kexec_tree.txt
                echo "$ENTRY" > kexec_default.1.txt
                sha256sum ./%s ./%s > kexec_default_hashes.txt
                sha256sum kexec*.txt | gpg --batch --detach-sign -a > kexec.sig
                """.formatted(KERNEL, INITRD);
        String entry = dev.custody.boot.entry.BootEntries.scan(boot, dev.custody.boot.entry.BootContent.toBeSigned(boot)).entries().getFirst().entry().menuLine();
        Map<String, String> environment = new java.util.HashMap<>(heads.environment());
        environment.put("ENTRY", entry);
        Tools.Result signed = Tools.bash(boot, environment, script);
        assertThat(signed.exit()).as(signed.out()).isZero();

        for (Path keyring : List.of(heads.home().resolve("pubring.kbx"), exported("--export"), exported("--export", "--armor"))) {
            Verification verification = BootVerifier.verify(boot, Keyring.load(keyring), Optional.empty(), false);
            assertThat(verification.findings()).as(keyring.toString()).isEmpty();
            assertThat(verification.defaultEntry()).contains(entry);
        }
    }

    private Path exported(String... options) {
        Path out = keys.resolve("export" + options.length);
        Tools.Result result = Tools.bash(keys, heads.environment(), "gpg " + String.join(" ", options) + " > " + out);
        assertThat(result.exit()).as(result.out()).isZero();
        return out;
    }

    static Stream<Arguments> tampering() {
        return Stream.of(
                Arguments.of("a kernel byte changed", (Consumer<Path>) b -> flipByte(b.resolve(KERNEL)),
                        List.of(KERNEL)),
                Arguments.of("the initrd changed", (Consumer<Path>) b -> BootFixtures.write(b, INITRD, "evil initrd"),
                        List.of(INITRD)),
                Arguments.of("a grub.cfg entry changed", (Consumer<Path>) b -> replace(b.resolve("grub/grub.cfg"), " quiet", " init=/bin/sh"),
                        List.of("grub/grub.cfg", "kexec_default.1.txt")),
                Arguments.of("a file added", (Consumer<Path>) b -> BootFixtures.write(b, "grub/evil.mod", "x"),
                        List.of("grub/evil.mod")),
                Arguments.of("a file removed", (Consumer<Path>) b -> delete(b.resolve("System.map-6.1.0-28-amd64")),
                        List.of("System.map-6.1.0-28-amd64")),
                Arguments.of("an empty folder added", (Consumer<Path>) b -> mkdir(b.resolve("grub/new")),
                        List.of("grub/new")),
                Arguments.of("kexec_hashes.txt edited", (Consumer<Path>) b -> replace(b.resolve("kexec_hashes.txt"), "./intel", "./Intel"),
                        List.of("kexec.sig")),
                Arguments.of("kexec.sig corrupted", (Consumer<Path>) b -> BootFixtures.write(b, "kexec.sig", "garbage"),
                        List.of("kexec.sig")),
                Arguments.of("kexec_default.1.txt removed", (Consumer<Path>) b -> delete(b.resolve("kexec_default.1.txt")),
                        List.of("kexec.sig")),
                Arguments.of("a default-entry file changed", (Consumer<Path>) b -> flipByte(b.resolve(INITRD)),
                        List.of(INITRD)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tampering")
    void everyTamperingIsRefusedAndNamesTheFileAtFault(String what, Consumer<Path> tamper, List<String> atFault) throws IOException {
        sign();
        tamper.accept(boot);
        Verification verification = verify();
        assertThat(verification.ok()).isFalse();
        assertThat(verification.findings()).extracting(Finding::file).containsAll(atFault);
    }

    @Test
    void aDefaultEntryFileMismatchIsReportedAgainstTheDefaultHashes() throws IOException {
        sign();
        flipByte(boot.resolve(KERNEL));
        assertThat(verify().findings()).contains(new Finding.Changed(KERNEL), new Finding.DefaultFileChanged(KERNEL));
    }

    @Test
    void aValidSignatureFromAnotherKeyIsRefused() throws IOException {
        sign();
        String foreign = signer(stranger).sign(KexecFiles.read(boot).signedText());
        Files.writeString(boot.resolve("kexec.sig"), foreign);
        Verification verification = verify();
        assertThat(verification.findings()).singleElement().satisfies(f -> {
            assertThat(f.file()).isEqualTo("kexec.sig");
            assertThat(f.reason()).contains("not in the keyring");
        });
    }

    @Test
    void anUnsignedBootIsRefusedNamingKexecSig() throws IOException {
        Verification verification = verify();
        assertThat(verification.ok()).isFalse();
        assertThat(verification.findings()).extracting(Finding::file).contains("kexec.sig", "kexec_hashes.txt", "kexec_tree.txt");
    }

    @Test
    void gpgSignsThroughItsOwnHomeAsForASmartcard() {
        BootSigner.sign(boot, new GpgSigner(heads.home(), Optional.empty()), OptionalInt.empty(), Optional.empty());
        Verification verification = BootVerifier.verify(boot, Keyring.load(heads.home().resolve("pubring.kbx")), Optional.empty(), false);
        assertThat(verification.findings()).isEmpty();
        assertThat(verification.signer()).hasValueSatisfying(s -> assertThat(s.owner()).contains("Heads Owner"));
    }

    @Test
    void aFailedSignatureLeavesBootAsItWas() throws IOException {
        Path emptyHome = Files.createTempDirectory(keys, "g");
        Files.setPosixFilePermissions(emptyHome, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        try (Stream<Path> before = Files.list(boot)) {
            List<Path> listing = before.sorted().toList();
            assertThatThrownBy(() -> BootSigner.sign(boot, new GpgSigner(emptyHome, Optional.empty()), OptionalInt.of(1), Optional.empty()))
                    .hasMessageStartingWith("gpg could not sign");
            try (Stream<Path> after = Files.list(boot)) {
                assertThat(after.sorted().toList()).isEqualTo(listing);
            }
        } finally {
            Tools.run(keys, Map.of(), "gpgconf", "--homedir", emptyHome.toString(), "--kill", "all");
        }
    }

    @Test
    void aWrongPassphraseIsAClearError() throws IOException {
        Path keyFile = file("owner-secret.asc", owner.armoredSecretKey());
        try (Secret wrong = Secret.copyOf("battery staple".getBytes(StandardCharsets.UTF_8))) {
            assertThatThrownBy(() -> SoftwareSigner.unlock(keyFile, wrong)).hasMessage("wrong passphrase for " + keyFile);
        }
        assertThat(owner.armoredSecretKey()).startsWith("-----BEGIN PGP PRIVATE KEY BLOCK-----");
    }

    @Test
    void rsa3072KeysSignWithSha512AndGpgvAcceptsThem() throws IOException {
        GeneratedKey rsa;
        try (Secret passphrase = Secret.copyOf("correct horse".getBytes(StandardCharsets.UTF_8))) {
            rsa = OpenPgpKeys.generate("OEM Key", KeyAlgorithm.RSA3072, passphrase);
        }
        BootSigner.sign(boot, signer(rsa), OptionalInt.empty(), Optional.empty());
        Files.writeString(keys.resolve("rsa.asc"), rsa.armoredPublicKey());
        Tools.Result gpgv = Tools.bash(boot, Map.of(), "gpg --dearmor < " + keys.resolve("rsa.asc") + " > " + keys.resolve("rsa.gpg")
                + " && sha256sum kexec*.txt | gpgv --keyring " + keys.resolve("rsa.gpg") + " kexec.sig - && gpg --list-packets kexec.sig");
        assertThat(gpgv.exit()).as(gpgv.out()).isZero();
        assertThat(gpgv.out()).contains("Good signature from \"OEM Key\"", "digest algo 10");
    }

    @Test
    void changesAreClassifiedForTheOwner() throws IOException {
        sign();
        flipByte(boot.resolve(KERNEL));
        BootFixtures.write(boot, "initrd.img-6.1.0-29-amd64", "new");
        BootFixtures.write(boot, "xen-4.19.gz", "new");
        BootFixtures.write(boot, "EFI/debian/grubx64.efi", "new");
        replace(boot.resolve("grub/grub.cfg"), "quiet", "quiet splash");
        delete(boot.resolve("intel-ucode.img"));
        assertThat(ChangeReport.compare(boot)).containsExactlyInAnyOrder(
                new Change(Change.Kind.CHANGED, KERNEL, FileClass.KERNEL),
                new Change(Change.Kind.ADDED, "initrd.img-6.1.0-29-amd64", FileClass.INITRD),
                new Change(Change.Kind.ADDED, "xen-4.19.gz", FileClass.XEN),
                new Change(Change.Kind.ADDED, "EFI/debian/grubx64.efi", FileClass.EFI_BINARY),
                new Change(Change.Kind.CHANGED, "grub/grub.cfg", FileClass.GRUB_CONFIG),
                new Change(Change.Kind.REMOVED, "intel-ucode.img", FileClass.INITRD));
    }

    static void flipByte(Path file) {
        try {
            byte[] content = Files.readAllBytes(file);
            content[0] ^= 1;
            Files.write(file, content);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void replace(Path file, String from, String to) {
        try {
            String content = Files.readString(file);
            assertThat(content).contains(from);
            Files.writeString(file, content.replace(from, to));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void delete(Path file) {
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void mkdir(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
