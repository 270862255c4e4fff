package dev.custody.cli.attest;

import dev.custody.cli.JsonOutput;
import dev.custody.attest.SealedOtpSecret.HotpCode;
import dev.custody.attest.SecurityKey;
import dev.custody.cli.Json;
import dev.custody.cli.MachineOptions;
import dev.custody.cli.tpm.PassphraseOptions;
import dev.custody.common.Secret;
import dev.custody.machine.Machine;
import dev.custody.machine.MachineOtp;
import dev.custody.tpm.Tpm;
import dev.custody.tpm.Tpms;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "hotp", mixinStandardHelpOptions = true,
        description = {"Produce the next HOTP code from the sealed secret and check it with a USB security key.",
            "The counter lives in TPM NV, so it cannot be rolled back. Checking uses Nitrokey's",
            "hotp_verification tool (Nitrokey Pro/Storage, Librem Key); without it, the code is only shown.",
            "--json prints {\"code\", \"counter\", \"key\": \"valid|invalid|absent\"}."})
public final class HotpCommand implements Callable<Integer> {
    static final int KEY_REFUSED = 4;
    static final int NO_KEY = 5;

    @Mixin MachineOptions machineOptions;

    @Mixin PassphraseOptions.Owner ownerPassphrase;

    @Mixin JsonOutput json;

    @Mixin SealedPcrsOption sealedPcrs;

    @Option(names = "--no-key", description = "Only show the code; do not look for a USB security key.") boolean noKey;

    @Override
    public Integer call() throws IOException, InterruptedException {
        HotpCode code;
        Machine machine = machineOptions.resolve();
        try (Secret ownerAuth = ownerPassphrase.read(); Tpm tpm = Tpms.open(machine.tpm())) {
            code = new MachineOtp(machine, tpm, ownerAuth).nextHotp(sealedPcrs.list());
        }
        SecurityKey.Verdict verdict = noKey ? SecurityKey.Verdict.ABSENT : SecurityKey.check(code.code());
        if (json.requested()) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("code", code.code());
            out.put("counter", code.counter());
            out.put("key", verdict.name().toLowerCase());
            System.out.println(Json.write(out));
        } else {
            // Not printf: its formatter loads locale data, which costs a boot more than the code itself.
            System.out.println("HOTP code " + code.code() + " (counter " + code.counter() + ")");
            System.out.println(verdict.describe());
        }
        return switch (verdict) {
            case VALID -> 0;
            case INVALID -> KEY_REFUSED;
            case ABSENT -> noKey ? 0 : NO_KEY;
        };
    }
}
