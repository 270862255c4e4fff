package dev.custody.cli.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.custody.cli.CliRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Completion scripts that the shells accept and manual pages that man renders. */
class DocsCommandsTest {

    @Test
    void theBashCompletionScriptParsesAndCompletesSubcommands(@TempDir Path dir) throws Exception {
        CliRun run = CliRun.of("completion", "bash");
        assertThat(run.exitCode()).isZero();
        Path script = Files.writeString(dir.resolve("custody-completion"), run.out());
        assertThat(exec(dir, "bash", "-n", script.toString())).isZero();
        Path probe = Files.writeString(dir.resolve("probe.sh"), "source " + script + "\n"
                + "COMP_WORDS=(custody tpm pc); COMP_CWORD=2; COMP_LINE='custody tpm pc'; COMP_POINT=${#COMP_LINE}\n"
                + "_complete_custody custody pc tpm; printf '%s\\n' \"${COMPREPLY[@]}\" > " + dir.resolve("out") + "\n");
        assertThat(exec(dir, "bash", probe.toString())).isZero();
        assertThat(Files.readString(dir.resolve("out"))).contains("pcrs");
    }

    @Test
    void theZshScriptIsTheSameCompletionForZsh() {
        CliRun run = CliRun.of("completion", "zsh");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("#compdef custody").contains("bashcompinit");
    }

    @Test
    void manPagesRenderWithMan(@TempDir Path dir) throws Exception {
        CliRun run = CliRun.of("manpages", dir.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(dir.resolve("custody.1")).exists();
        assertThat(dir.resolve("custody-tpm-pcrs.1")).exists();
        assertThat(dir.resolve("custody-own-reset.1")).exists();
        Path rendered = dir.resolve("rendered.txt");
        ProcessBuilder man = new ProcessBuilder("man", "-l", "-P", "cat", dir.resolve("custody-tpm-pcrs.1").toString())
                .redirectOutput(rendered.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
        man.environment().put("MANWIDTH", "80");
        assertThat(waitFor(man.start())).isZero();
        String page = Files.readString(rendered, StandardCharsets.UTF_8);
        assertThat(page).contains("NAME").contains("custody-tpm-pcrs").contains("SYNOPSIS").contains("--bank");
        try (var pages = Files.list(dir)) {
            assertThat(pages.filter(p -> p.toString().endsWith(".1")).count()).isGreaterThan(40);
        }
    }

    private static int exec(Path dir, String... command) throws IOException, InterruptedException {
        return waitFor(new ProcessBuilder(List.of(command)).directory(dir.toFile()).inheritIO().start());
    }

    private static int waitFor(Process process) throws InterruptedException {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("timed out");
        }
        return process.exitValue();
    }
}
