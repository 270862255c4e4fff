package dev.custody.cli.docs;

import dev.custody.cli.PicocliRun;
import dev.custody.common.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "manpages", mixinStandardHelpOptions = true,
        description = {"Write a manual page for every command into a folder.",
            "One page per command: custody.1, custody-tpm.1, custody-tpm-pcrs.1, and so on.",
            "Read one with 'man -l DIR/custody-tpm.1'; bin/setup installs them when run as root."})
public final class ManpagesCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", description = "The folder to write the pages into; it is created if missing.") Path directory;

    @Option(names = "--quiet", description = "Do not list the pages written.") boolean quiet;

    @Override
    public Integer call() throws IOException {
        Files.createDirectories(directory);
        for (ManPage page : ManPage.all(PicocliRun.commandTree())) {
            Path file = directory.resolve(page.fileName());
            AtomicFiles.write(file, page.troff().getBytes(StandardCharsets.UTF_8));
            if (!quiet) {
                System.out.println(file);
            }
        }
        return 0;
    }
}
