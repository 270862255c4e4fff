package dev.custody.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17's "bin/package builds the .deb, and lintian shows no errors", on the jar this build
 * packaged (Maven's integration-test phase): the .deb holds what the issue lists, lintian reports
 * no error, and the initramfs-tools hook and the dracut module of the files the .deb installs
 * (dpkg -x, not this checkout) build images holding Custody (bin/test-package).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DebianPackageIT {
    private static final Path PROJECT = Path.of("").toAbsolutePath().getParent();

    @TempDir
    static Path work;

    private Path deb;
    private String built;

    @BeforeAll
    void buildThePackage() throws Exception {
        Instant start = Instant.now();
        Run run = run(List.of(PROJECT.resolve("bin/package").toString(), "--no-build", "--out", work.toString()), 30);
        assertThat(run.exitCode()).as(run.output()).isZero();
        built = run.output();
        try (var files = Files.list(work)) {
            deb = files.filter(f -> f.getFileName().toString().matches("custody_.*_amd64\\.deb")).findFirst().orElseThrow();
        }
        System.out.printf("DebianPackageIT: bin/package took %d s%n", Duration.between(start, Instant.now()).toSeconds());
    }

    @Test
    void lintianRanAndFoundNoError() {
        assertThat(built).as("lintian must be installed (bin/setup installs it) and run by bin/package")
                .contains("lintian: no errors in " + deb);
        assertThat(built.lines().filter(line -> line.startsWith("E: "))).as(built).isEmpty();
    }

    @Test
    void theDebHoldsTheIssuesList() throws Exception {
        String listing = run(List.of("dpkg-deb", "--contents", deb.toString()), 2).output();
        List<String> files = listing.lines().map(line -> line.substring(line.indexOf("./") + 1).replaceAll(" -> .*", "")).toList();
        assertThat(files).contains("/usr/bin/custody", "/usr/lib/custody/custody.jar", "/usr/lib/custody/custody.aot",
                "/usr/lib/custody/custody-otp.aot", "/usr/lib/custody/custody-unlock.aot",
                "/usr/lib/custody/runtime/bin/java", "/usr/lib/custody/runtime/lib/server/libjvm.so", "/usr/lib/custody/boot.sh",
                "/usr/share/man/man1/custody.1.gz", "/usr/share/man/man1/custody-lab-install-kernel.1.gz",
                "/usr/share/bash-completion/completions/custody", "/usr/share/zsh/vendor-completions/_custody",
                "/usr/share/initramfs-tools/hooks/custody", "/usr/share/initramfs-tools/scripts/local-top/custody",
                "/usr/lib/dracut/modules.d/90custody/module-setup.sh", "/etc/kernel/postinst.d/zz-custody",
                "/usr/share/doc/custody/README.Debian", "/usr/share/doc/custody/copyright", "/usr/share/doc/custody/changelog.gz");
        for (String executable : List.of("./usr/bin/custody", "./usr/share/initramfs-tools/hooks/custody",
                "./usr/share/initramfs-tools/scripts/local-top/custody", "./usr/lib/dracut/modules.d/90custody/module-setup.sh",
                "./etc/kernel/postinst.d/zz-custody")) {
            assertThat(listing).containsPattern("(?m)^-rwxr-xr-x root/root .* " + java.util.regex.Pattern.quote(executable) + "$");
        }
        assertThat(listing.lines().filter(line -> !line.contains(" root/root "))).as("every file is root's").isEmpty();
        String control = run(List.of("dpkg-deb", "--field", deb.toString(), "Package", "Architecture", "Depends"), 2).output();
        assertThat(control).contains("Package: custody").contains("Architecture: amd64").contains("cryptsetup-bin");
    }

    @Test
    void theInstalledHooksPutCustodyIntoTheInitramfs() throws Exception {
        Path root = work.resolve("installed");
        assertThat(run(List.of("dpkg-deb", "-x", deb.toString(), root.toString()), 2).exitCode()).isZero();
        Instant start = Instant.now();
        Run checked = run(List.of(PROJECT.resolve("bin/test-package").toString(), root.toString()), 20);
        System.out.printf("DebianPackageIT: bin/test-package took %d s%n", Duration.between(start, Instant.now()).toSeconds());
        assertThat(checked.exitCode()).as(checked.output()).isZero();
        assertThat(checked.output()).contains("The initramfs images hold Custody").doesNotContain("FAIL:").doesNotContain("SKIPPED");
    }

    private static Run run(List<String> command, int minutes) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(minutes, TimeUnit.MINUTES)).as(command + " finished").isTrue();
        return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    private record Run(int exitCode, String output) {}
}
