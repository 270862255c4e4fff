package dev.custody.cli.attest;

import dev.custody.cli.JsonOutput;
import dev.custody.attest.ClockCheck;
import dev.custody.attest.OneTimePassword;
import dev.custody.attest.OneTimePassword.TotpCode;
import dev.custody.cli.Json;
import dev.custody.cli.MachineOptions;
import dev.custody.common.Secret;
import dev.custody.machine.Machine;
import dev.custody.machine.MachineOtp;
import dev.custody.tpm.Tpm;
import dev.custody.tpm.Tpms;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "totp", mixinStandardHelpOptions = true,
        description = {"Show the TOTP code that only an unchanged machine can produce.",
            "Compare it with your phone. If the TPM refuses, says which measurements changed.",
            "On a terminal the code refreshes until you press Enter; --json prints it once:",
            "{\"code\", \"validFor\", \"timeStep\"}."},
        subcommands = {TotpSealCommand.class})
public final class TotpCommand implements Callable<Integer> {
    private static final int MAX_REFRESH_SECONDS = 300;

    @Mixin MachineOptions machineOptions;

    @Mixin SealedPcrsOption sealedPcrs;

    @Mixin JsonOutput json;

    @Override
    public Integer call() throws IOException, InterruptedException {
        ClockCheck.ofThisBuild().warning(Instant.now()).ifPresent(w -> System.err.println("custody: warning: " + w));
        Machine machine = machineOptions.resolve();
        try (Tpm tpm = Tpms.open(machine.tpm());
             Secret secret = new MachineOtp(machine, tpm).unseal(sealedPcrs.list())) {
            if (json.requested() || System.console() == null) {
                print(OneTimePassword.totp(secret.bytes(), Instant.now()));
            } else {
                refresh(secret);
            }
        }
        return 0;
    }

    private void print(TotpCode code) {
        if (json.requested()) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("code", code.code());
            out.put("validFor", code.secondsLeft());
            out.put("timeStep", code.timeStep());
            System.out.println(Json.write(out));
        } else {
            // Not printf: its formatter loads locale data, which costs a boot more than the TOTP itself.
            System.out.println(code.code() + " (valid for " + code.secondsLeft() + " s)");
        }
    }

    private static void refresh(Secret secret) throws IOException, InterruptedException {
        System.out.println("TOTP code (press Enter to stop):");
        for (int second = 0; second < MAX_REFRESH_SECONDS && System.in.available() == 0; second++) {
            TotpCode code = OneTimePassword.totp(secret.bytes(), Instant.now());
            System.out.printf("\r  %s %s   %2d s left ", code.code().substring(0, 3), code.code().substring(3),
                    code.secondsLeft());
            System.out.flush();
            Thread.sleep(1000 - Instant.now().toEpochMilli() % 1000);
        }
        System.out.println();
    }
}
