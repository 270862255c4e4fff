package dev.custody.cli.tpm;

import dev.custody.cli.JsonOutput;
import dev.custody.cli.Json;
import dev.custody.common.Secret;
import dev.custody.tpm.AttestationKey;
import dev.custody.tpm.PcrBank;
import dev.custody.tpm.PcrPolicy;
import dev.custody.tpm.Quote;
import dev.custody.tpm.QuoteVerifier;
import dev.custody.tpm.Tpm;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "quote", mixinStandardHelpOptions = true,
        description = {"Get and verify a signed quote of PCR values.",
            "The TPM signs its PCR values with a fresh attestation key and a nonce;",
            "then verify the quote in software (signature, nonce, PCR digest) against the PCRs read back.",
            "--json prints the quote and the key."})
final class QuoteCommand implements Callable<Integer> {
    private static final HexFormat HEX = HexFormat.of();

    @Mixin
    TpmOptions tpmOptions;

    @Option(names = "--pcrs", converter = PcrList.class, paramLabel = "LIST", defaultValue = "0-7", description = "PCRs to quote (default: 0-7).")
    String pcrs;

    @Option(names = "--bank", paramLabel = "BANK", defaultValue = "sha256")
    PcrBank bank;

    @Option(names = "--nonce", paramLabel = "HEX", description = "The verifier's nonce (default: 16 random bytes).")
    String nonce;

    @Mixin
    JsonOutput json;

    @Override
    public Integer call() {
        List<Integer> selected = PcrPolicy.parseList(pcrs);
        PcrBank pcrBank = bank;
        byte[] nonceBytes = nonce != null ? HEX.parseHex(nonce) : randomNonce();
        try (Tpm tpm = tpmOptions.open()) {
            AttestationKey key = tpm.createAttestationKey(Secret.empty());
            Quote quote = tpm.quote(key, nonceBytes, pcrBank, selected);
            SortedMap<Integer, byte[]> values = tpm.readPcrs(pcrBank, selected);
            QuoteVerifier.verify(key, quote, nonceBytes, pcrBank, values);
            if (json.requested()) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("nonce", HEX.formatHex(nonceBytes));
                out.put("attest", HEX.formatHex(quote.attest()));
                out.put("signature", HEX.formatHex(quote.signature()));
                out.put("attestationKey", HEX.formatHex(key.publicArea()));
                Map<String, String> quoted = new LinkedHashMap<>();
                values.forEach((pcr, v) -> quoted.put(String.valueOf(pcr), HEX.formatHex(v)));
                out.put("pcrs", Map.of(pcrBank.label(), quoted));
                out.put("verified", true);
                System.out.println(Json.write(out));
            } else {
                System.out.printf("Quote of %s PCRs %s verified: signature, nonce and PCR digest all match.%n",
                        pcrBank.label(), PcrPolicy.parseList(pcrs));
            }
        }
        return 0;
    }

    private static byte[] randomNonce() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
