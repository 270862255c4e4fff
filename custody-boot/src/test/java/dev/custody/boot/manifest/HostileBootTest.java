package dev.custody.boot.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custody.boot.BootFixtures;
import dev.custody.boot.GnupgHome;
import dev.custody.boot.Tools;
import dev.custody.boot.entry.BootContent;
import dev.custody.boot.entry.BootEntries;
import dev.custody.boot.entry.FoundEntry;
import dev.custody.common.Secret;
import dev.custody.openpgp.GeneratedKey;
import dev.custody.openpgp.KeyAlgorithm;
import dev.custody.openpgp.Keyring;
import dev.custody.openpgp.OpenPgpKeys;
import dev.custody.openpgp.SoftwareSigner;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An attacker with write access to /boot: every way in that the attack on issue 12 found, and
 * variants of each, must fail verification with a finding naming the file, and never hang
 * (the timeouts guard against a blocking open, they are not speed tests).
 */
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HostileBootTest {
    static final String XEN = "xen-4.17.5.gz";
    static final String KERNEL = "vmlinuz-6.6.77-1.qubes.fc37.x86_64";
    static final String INITRD = "initramfs-6.6.77-1.qubes.fc37.x86_64.img";
    static final String EVIL_ENTRY = "menuentry 'Qubes (recovery)' {\n multiboot2 /" + XEN + " placeholder\n"
            + " module2 /%s placeholder init=/bin/evil\n module2 --nounzip /" + INITRD + "\n}\n";

    @RegisterExtension
    static final GnupgHome heads = new GnupgHome("Heads Owner <owner@example.org>");

    static GeneratedKey owner;

    @TempDir
    Path boot;
    @TempDir
    Path outside;

    @BeforeAll
    static void makeKey() {
        try (Secret passphrase = Secret.copyOf("correct horse".getBytes(StandardCharsets.UTF_8))) {
            owner = OpenPgpKeys.generate("Owner <owner@example.org>", KeyAlgorithm.ED25519, passphrase);
        }
    }

    @BeforeEach
    void qubesBoot() {
        BootFixtures.copy("qubes", boot, XEN, KERNEL, INITRD);
    }

    private SignResult sign() {
        try {
            Path keyFile = outside.resolve("owner.asc");
            Files.writeString(keyFile, owner.armoredSecretKey());
            try (Secret passphrase = Secret.copyOf("correct horse".getBytes(StandardCharsets.UTF_8))) {
                return BootSigner.sign(boot, SoftwareSigner.unlock(keyFile, passphrase), OptionalInt.of(1), Optional.empty());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Verification verify() {
        try {
            Path keyring = outside.resolve("owner.pub.asc");
            Files.writeString(keyring, owner.armoredPublicKey());
            return BootVerifier.verify(boot, Keyring.load(keyring), Optional.empty(), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Signed as Heads signs, with find, sha256sum and gpg: so a hostile config can be signed too. */
    private Verification headsSignAndVerify() {
        Tools.Result signed = Tools.bash(boot, heads.environment(), """
                find ./ -type f ! -path './kexec*' -print0 | xargs -0 sha256sum > kexec_hashes.txt
                find ./ ! -path './kexec*' -print0 | sort -z > kexec_tree.txt
                sha256sum kexec*.txt | gpg --batch --detach-sign -a > kexec.sig
                """);
        assertThat(signed.exit()).as(signed.out()).isZero();
        return BootVerifier.verify(boot, Keyring.load(heads.home().resolve("pubring.kbx")), Optional.empty(), false);
    }

    private static void assertRefused(Verification verification, Class<? extends Finding> kind, String file, String reason) {
        assertThat(verification.ok()).isFalse();
        assertThat(verification.findings()).as(verification.findings().toString())
                .anySatisfy(f -> {
                    assertThat(f).isInstanceOf(kind);
                    assertThat(f.file()).isEqualTo(file);
                    assertThat(f.reason()).contains(reason);
                });
        assertThat(verification.signedEntry("x")).isEmpty();
    }

    private static void assertNoEvilEntry(List<FoundEntry> entries) {
        assertThat(entries).noneSatisfy(e -> assertThat(e.entry().menuLine()).contains("evil"));
    }

    @Test
    void theReproducerAKexecFolderWithAGrubCfgLoadingAKexecNamedKernelIsRefusedByName() throws IOException {
        sign();
        byte[] kernel = Files.readAllBytes(boot.resolve(KERNEL));
        Files.write(boot.resolve("kexec-vmlinuz"), kernel);
        Files.write(boot.resolve("kexec-vmlinuz"), "x\n".getBytes(StandardCharsets.UTF_8), java.nio.file.StandardOpenOption.APPEND);
        BootFixtures.write(boot, "kexec_x/grub.cfg", EVIL_ENTRY.formatted("kexec-vmlinuz"));

        Verification verification = verify();
        assertRefused(verification, Finding.UnsignedKexec.class, "kexec-vmlinuz", "no signature covers it");
        assertRefused(verification, Finding.UnsignedKexec.class, "kexec_x", "a folder");
        assertRefused(verification, Finding.EntryRefused.class, "kexec_x/grub.cfg", "kexec* folder");
        assertNoEvilEntry(verification.entries());
        assertThat(verification.entries()).isNotEmpty();
        assertNoEvilEntry(BootEntries.scan(boot, BootContent.toBeSigned(boot)).entries());
    }

    static Stream<Arguments> unsignedConfigs() {
        String entry = EVIL_ENTRY.formatted(KERNEL);
        return Stream.of(
                Arguments.of("a grub.cfg in a new folder", "evil/grub.cfg", entry, ""),
                Arguments.of("a grub.cfg next to the signed one's folder", "grub/grub.cfg", entry, ""),
                Arguments.of("a sourced file added after signing", "grub2/custom.cfg", entry, "source /grub2/custom.cfg\n"),
                Arguments.of("a configfile added after signing", "grub2/other.cfg", entry, "configfile ${prefix}/grub2/other.cfg\n"),
                Arguments.of("a relative source added after signing", "grub2/rel.cfg", entry, "source rel.cfg\n"),
                Arguments.of("a syslinux.cfg", "syslinux/syslinux.cfg",
                        "LABEL evil\n  KERNEL /" + KERNEL + "\n  APPEND init=/bin/evil\n", ""),
                Arguments.of("an extlinux.conf", "extlinux/extlinux.conf",
                        "LABEL evil\n  LINUX /" + KERNEL + "\n  APPEND init=/bin/evil\n", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unsignedConfigs")
    void aConfigAddedAfterSigningIsNeverReadForEntries(String what, String config, String content, String signedInclude) throws IOException {
        Path grubCfg = boot.resolve("grub2/grub.cfg");
        Files.writeString(grubCfg, Files.readString(grubCfg) + signedInclude);
        sign();
        BootFixtures.write(boot, config, content);

        Verification verification = verify();
        assertRefused(verification, Finding.Added.class, config, "added");
        assertRefused(verification, Finding.EntryRefused.class, config, "not signed");
        assertNoEvilEntry(verification.entries());
    }

    @Test
    void aSignedConfigChangedAfterSigningIsNotReadEither() throws IOException {
        sign();
        Path grubCfg = boot.resolve("grub2/grub.cfg");
        Files.writeString(grubCfg, Files.readString(grubCfg) + EVIL_ENTRY.formatted(KERNEL));
        Verification verification = verify();
        assertRefused(verification, Finding.Changed.class, "grub2/grub.cfg", "changed");
        assertRefused(verification, Finding.EntryRefused.class, "grub2/grub.cfg", "differs from its signed hash");
        assertThat(verification.entries()).isEmpty();
    }

    @Test
    void anUnsignedBlsEntryIsNotRead() {
        try (Stream<Path> list = Files.list(boot)) {
            list.forEach(HostileBootTest::deleteTree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        BootFixtures.copy("fedora", boot, "vmlinuz-6.11.4-301.fc41.x86_64", "initramfs-6.11.4-301.fc41.x86_64.img");
        deleteTree(boot.resolve("grub2/grub.cfg"));
        Path loader = boot.resolve("loader/entries");
        try (Stream<Path> list = Files.list(loader)) {
            list.filter(p -> !p.getFileName().toString().contains("6.11.4")).forEach(HostileBootTest::deleteTree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        BootFixtures.write(boot, "grub2/grub.cfg", "blscfg\n");
        sign();
        BootFixtures.write(boot, "loader/entries/zz-evil.conf", "title Evil\nlinux /vmlinuz-6.11.4-301.fc41.x86_64\noptions init=/bin/evil\n");

        Verification verification = verify();
        assertRefused(verification, Finding.EntryRefused.class, "loader/entries/zz-evil.conf", "not signed");
        assertNoEvilEntry(verification.entries());
    }

    static Stream<Arguments> signedButLeavingBoot() {
        return Stream.of(
                Arguments.of("a module path with ..", "/../../../../../../etc/hostname", "/../../../../../../etc/hostname", "leaves /boot"),
                Arguments.of("a kernel path climbing out through a folder", "/grub2/../../outside-kernel", "/grub2/../../outside-kernel",
                        "leaves /boot"),
                Arguments.of("a symlink out of /boot", "/linked-out", "linked-out", "symbolic link out of /boot"),
                Arguments.of("a symlink inside /boot", "/linked-in", "linked-in", "links in /boot are never followed"),
                Arguments.of("a file in a kexec folder", "/kexec_x/vmlinuz", "kexec_x/vmlinuz", "kexec* folder"));
    }

    /** Even a config the owner signed cannot make the machine load what the signature does not cover. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("signedButLeavingBoot")
    void aSignedEntryNamingAFileOutsideTheSignatureIsRefused(String what, String module, String named, String reason) throws IOException {
        Path kernelOutside = outside.resolve("vmlinuz");
        Files.copy(boot.resolve(KERNEL), kernelOutside);
        Files.createSymbolicLink(boot.resolve("linked-out"), kernelOutside);
        Files.createSymbolicLink(boot.resolve("linked-in"), Path.of(KERNEL));
        BootFixtures.write(boot, "kexec_x/vmlinuz", "kernel");
        Path grubCfg = boot.resolve("grub2/grub.cfg");
        Files.writeString(grubCfg, Files.readString(grubCfg) + EVIL_ENTRY.formatted(module.substring(1)));

        Verification verification = headsSignAndVerify();
        assertRefused(verification, Finding.EntryRefused.class, named, reason);
        assertNoEvilEntry(verification.entries());
        assertThatThrownBy(this::sign).hasMessageContaining("cannot sign /boot").hasMessageContaining(named);
    }

    static Stream<Arguments> kexecNames() {
        return Stream.of(
                Arguments.of("an extra kexec file", (Consumer<Path>) b -> BootFixtures.write(b, "kexec_extra", "x"), "kexec_extra", "a regular file"),
                Arguments.of("an extra kexec*.txt", (Consumer<Path>) b -> BootFixtures.write(b, "kexec_evil.txt", "x"), "kexec_evil.txt", "no signature"),
                Arguments.of("a kexec folder", (Consumer<Path>) b -> BootFixtures.write(b, "kexec.d/vmlinuz", "x"), "kexec.d", "a folder"),
                Arguments.of("an empty kexec folder", (Consumer<Path>) b -> mkdir(b.resolve("kexecutable")), "kexecutable", "a folder"),
                Arguments.of("a signed list replaced by a link", (Consumer<Path>) b -> relink(b.resolve("kexec_default.1.txt"), b),
                        "kexec_default.1.txt", "a symbolic link"),
                Arguments.of("kexec.sig replaced by a FIFO", (Consumer<Path>) b -> fifo(b.resolve("kexec.sig")), "kexec.sig", "FIFO"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kexecNames")
    void aKexecNameHeadsAndCustodyDoNotWriteIsUnsignedContent(String what, Consumer<Path> tamper, String file, String reason) {
        sign();
        tamper.accept(boot);
        assertRefused(verify(), Finding.UnsignedKexec.class, file, reason);
    }

    static Stream<Arguments> replacedFiles() {
        return Stream.of(
                Arguments.of("the kernel replaced by a FIFO", (Consumer<Path>) b -> fifo(b.resolve(KERNEL)), KERNEL, "FIFO"),
                Arguments.of("the initrd replaced by a link to /dev/zero",
                        (Consumer<Path>) b -> symlink(b.resolve(INITRD), Path.of("/dev/zero")), INITRD, "symbolic link"),
                Arguments.of("the kernel replaced by a folder", (Consumer<Path>) b -> {
                    deleteTree(b.resolve(KERNEL));
                    mkdir(b.resolve(KERNEL));
                }, KERNEL, "a folder"),
                Arguments.of("grub.cfg replaced by a FIFO", (Consumer<Path>) b -> fifo(b.resolve("grub2/grub.cfg")), "grub2/grub.cfg", "FIFO"),
                Arguments.of("grub.cfg replaced by a link to /dev/zero",
                        (Consumer<Path>) b -> symlink(b.resolve("grub2/grub.cfg"), Path.of("/dev/zero")), "grub2/grub.cfg", "symbolic link"));
    }

    /** Each is named; none is opened, so nothing blocks; and every other check still runs. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("replacedFiles")
    void aSignedFileReplacedByAFifoLinkOrFolderIsNamedAndEveryOtherCheckRuns(String what, Consumer<Path> tamper, String file,
                                                                             String reason) {
        sign();
        tamper.accept(boot);
        SignAndVerifyTest.flipByte(boot.resolve(XEN));
        Verification verification = verify();
        assertRefused(verification, Finding.NotReadable.class, file, reason);
        assertRefused(verification, Finding.Changed.class, XEN, "changed");
    }

    @Test
    void aSignedFileReplacedByALinkToTheSameContentOutsideBootIsRefused() throws IOException {
        sign();
        Path copy = outside.resolve(KERNEL);
        Files.copy(boot.resolve(KERNEL), copy);
        symlink(boot.resolve(KERNEL), copy);
        Verification verification = verify();
        assertRefused(verification, Finding.NotReadable.class, KERNEL, "symbolic link");
        assertThat(verification.entries()).isEmpty();
    }

    @Test
    void aStagingFolderLeftByAKilledSignIsReportedThenRemovedByTheNextSign() throws IOException {
        sign();
        String stale = "kexec-staging." + deadPid() + ".123";
        BootFixtures.write(boot, stale + "/kexec_hashes.txt", "half-written");
        BootFixtures.write(boot, stale + "/.kexec.sig123.tmp", "half-written");
        assertRefused(verify(), Finding.StaleStaging.class, stale, "interrupted boot sign");

        assertThat(sign().removedStaging()).containsExactly(stale);
        assertThat(boot.resolve(stale)).doesNotExist();
        assertThat(verify().findings()).isEmpty();
    }

    @Test
    void aStagingNameHoldingAnythingElseIsNeverRemovedNorTakenForSignedContent() {
        sign();
        String foreign = "kexec-staging." + deadPid() + ".7";
        BootFixtures.write(boot, foreign + "/grub.cfg", EVIL_ENTRY.formatted(KERNEL));
        assertRefused(verify(), Finding.UnsignedKexec.class, foreign, "holds grub.cfg");
        assertThatThrownBy(this::sign).hasMessageContaining(foreign).hasMessageContaining("remove it");
        assertThat(boot.resolve(foreign + "/grub.cfg")).exists();
    }

    @Test
    void aFifoOrLinkWithAConfigNameIsNamedWithoutBeingOpened() {
        sign();
        mkdir(boot.resolve("evil"));
        fifo(boot.resolve("evil/grub.cfg"));
        symlink(boot.resolve("grub2/syslinux.cfg"), Path.of("/dev/zero"));
        Verification verification = verify();
        assertRefused(verification, Finding.Added.class, "evil/grub.cfg", "added");
        assertRefused(verification, Finding.Added.class, "grub2/syslinux.cfg", "added");
        assertThat(verification.entries()).isNotEmpty();
    }

    @Test
    void aSourcedFileReachedThroughALinkIsRefused() throws IOException {
        Path grubCfg = boot.resolve("grub2/grub.cfg");
        Files.writeString(grubCfg, Files.readString(grubCfg) + "source /grub2/custom.cfg\n");
        sign();
        symlink(boot.resolve("grub2/custom.cfg"), Path.of("/dev/zero"));
        assertRefused(verify(), Finding.EntryRefused.class, "grub2/custom.cfg", "symbolic link out of /boot");
    }

    /** A process id that belongs to no running process. */
    private static long deadPid() {
        long pid = 4_000_000;
        while (ProcessHandle.of(pid).isPresent()) {
            pid++;
        }
        return pid;
    }

    static void fifo(Path path) {
        deleteTree(path);
        Tools.Result made = Tools.run(path.getParent(), Map.of(), "mkfifo", path.toString());
        assertThat(made.exit()).as(made.out()).isZero();
    }

    static void symlink(Path link, Path target) {
        deleteTree(link);
        try {
            Files.createSymbolicLink(link, target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Moves a file to a hidden copy and links its name to it, keeping the same content. */
    static void relink(Path file, Path boot) {
        try {
            Path copy = boot.resolve(".copy-" + file.getFileName());
            Files.move(file, copy);
            Files.createSymbolicLink(file, copy.getFileName());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void mkdir(Path folder) {
        SignAndVerifyTest.mkdir(folder);
    }

    static void deleteTree(Path path) {
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (java.nio.file.NoSuchFileException e) {
            // nothing to delete
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
