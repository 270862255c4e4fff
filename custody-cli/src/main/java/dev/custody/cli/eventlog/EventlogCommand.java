package dev.custody.cli.eventlog;

import picocli.CommandLine.Command;

@Command(
        name = "eventlog",
        mixinStandardHelpOptions = true,
        description = {
            "Read, replay, check and compare measurement logs: TCG SHA1 and crypto-agile logs, coreboot's "
                    + "CBMEM logs (table, CBT1, CBT2) and the text of cbmem -L.",
            "FILE may be 'host' (or be left out) for this machine's own log (securityfs, else cbmem -L); "
                    + "'-' reads standard input.",
        })
public final class EventlogCommand {}
