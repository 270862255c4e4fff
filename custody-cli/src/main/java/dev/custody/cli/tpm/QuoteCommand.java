package dev.custody.cli.tpm;

import dev.custody.cli.JsonOutput;
import dev.custody.tpm.CheckedQuote;
import dev.custody.tpm.PcrBank;
import dev.custody.tpm.PcrPolicy;
import dev.custody.tpm.Tpm;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "quote", mixinStandardHelpOptions = true,
        description = {"Get and verify a signed quote of PCR values.",
            "The TPM signs its PCR values with a fresh attestation key and a nonce;",
            "then verify the quote in software (signature, nonce, PCR digest) against the PCRs read back.",
            "--json prints the quote and the key."})
public final class QuoteCommand implements Callable<Integer> {
    @Mixin TpmOptions tpmOptions;

    @Option(names = "--pcrs", converter = PcrList.class, paramLabel = "LIST", defaultValue = "0-7", description = "PCRs to quote (default: 0-7).")
    String pcrs;

    @Option(names = "--bank", paramLabel = "BANK", defaultValue = "sha256") PcrBank bank;

    @Option(names = "--nonce", paramLabel = "HEX", description = "The verifier's nonce (default: 16 random bytes).") String nonce;

    @Mixin JsonOutput json;

    @Override
    public Integer call() {
        List<Integer> selected = PcrPolicy.parseList(pcrs);
        byte[] nonceBytes = nonce != null ? HexFormat.of().parseHex(nonce) : CheckedQuote.randomNonce();
        try (Tpm tpm = tpmOptions.open()) {
            CheckedQuote quote = CheckedQuote.take(tpm, nonceBytes, bank, selected);
            json.print(quote.toJson(), String.format(
                    "Quote of %s PCRs %s verified: signature, nonce and PCR digest all match.", bank.label(), selected));
        }
        return 0;
    }
}
