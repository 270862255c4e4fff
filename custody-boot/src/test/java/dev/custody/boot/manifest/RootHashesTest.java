package dev.custody.boot.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custody.boot.BootFixtures;
import dev.custody.boot.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootHashesTest {
    @TempDir
    Path root;

    @Test
    void rootHashListMatchesPureBootsFindAndSha256sumAndDetectsChanges() throws Exception {
        BootFixtures.write(root, "bin/ls", "ls");
        BootFixtures.write(root, "usr/bin/sudo", "sudo");
        BootFixtures.write(root, "usr/lib/kexec-tools/kexec-helper", "left out by name");
        BootFixtures.write(root, "home/user/notes", "not listed");
        List<String> directories = List.of("bin", "usr");
        String list = RootHashes.create(root, directories);
        Files.writeString(root.resolve("list"), list);
        Tools.Result check = Tools.bash(root, Map.of(), "sha256sum -c list && find bin usr -type f ! -name '*kexec*' | wc -l");
        assertThat(check.exit()).as(check.out()).isZero();
        assertThat(check.out()).contains("bin/ls: OK", "usr/bin/sudo: OK").endsWith("2\n");
        Files.delete(root.resolve("list"));

        HashList signed = HashList.parse(RootHashes.FILE, list);
        assertThat(RootHashes.check(root, directories, signed)).isEmpty();
        BootFixtures.write(root, "usr/bin/sudo", "backdoored");
        BootFixtures.write(root, "bin/sh", "new");
        Files.delete(root.resolve("bin/ls"));
        assertThat(RootHashes.check(root, directories, signed)).extracting(Change::kind, Change::file).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(Change.Kind.CHANGED, "usr/bin/sudo"),
                org.assertj.core.groups.Tuple.tuple(Change.Kind.REMOVED, "bin/ls"),
                org.assertj.core.groups.Tuple.tuple(Change.Kind.ADDED, "bin/sh"));
        assertThatThrownBy(() -> RootHashes.create(root, List.of("lib"))).hasMessageContaining("has no folder lib");
    }
}
