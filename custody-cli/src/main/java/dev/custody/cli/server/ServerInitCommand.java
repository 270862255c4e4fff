package dev.custody.cli.server;

import dev.custody.cli.JsonOutput;
import dev.custody.server.ServerDirectory;
import dev.custody.server.TlsIdentity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "init", mixinStandardHelpOptions = true,
        description = {"Make a new server folder: an H2 database, a private CA and the server's TLS key and certificate,",
            "and an admin token (DIR/admin-token, readable by you only).",
            "Prints the certificate's SHA-256 fingerprint: agents and admins pin it with --fingerprint."})
public final class ServerInitCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", description = "A new or empty folder.") Path directory;

    @Option(names = "--host-name", paramLabel = "NAME",
            description = "Another name or address the certificate should carry (repeatable); loopback and this host's name always are.")
    List<String> hostNames = new ArrayList<>();

    @Mixin JsonOutput output;

    @Override
    public Integer call() {
        ServerDirectory.Created created = ServerDirectory.init(directory, TlsIdentity.hostNames(hostNames));
        output.print(created.toJson(), created.text());
        return 0;
    }
}
