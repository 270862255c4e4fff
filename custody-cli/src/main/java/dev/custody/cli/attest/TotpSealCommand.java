package dev.custody.cli.attest;

import dev.custody.attest.ClockCheck;
import dev.custody.cli.JsonOutput;
import dev.custody.cli.MachineOptions;
import dev.custody.cli.tpm.PassphraseOptions;
import dev.custody.cli.tpm.PcrList;
import dev.custody.cli.tpm.SealingPcrs;
import dev.custody.common.Secret;
import dev.custody.machine.Machine;
import dev.custody.machine.TotpEnrolment;
import dev.custody.tpm.PcrPolicy;
import dev.custody.tpm.Tpm;
import dev.custody.tpm.Tpms;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "seal", mixinStandardHelpOptions = true,
        description = {"Create a new TOTP/HOTP secret, seal it to this machine's measurements and show the QR code.",
            "Scan the code with an authenticator app. It is shown only now; it replaces any earlier secret,",
            "also in the owner secrets own reset saved. PCRs 16-23 are refused: software can reset them."})
final class TotpSealCommand implements Callable<Integer> {
    @Mixin MachineOptions machineOptions;

    @Mixin PassphraseOptions.Owner ownerPassphrase;

    @Option(names = "--pcrs", converter = PcrList.class, paramLabel = "LIST",
            description = {"PCRs to seal to. Default: 0,1,2,3,4,7 (Heads) on coreboot machines,",
                "0,2,4,7 on UEFI machines, 0,1,2,4,6,7 on QEMU lab machines with OVMF, 0,1,2,4,6 with SeaBIOS.",
                "PCR 6 is sealed as the boot step leaves it, after measuring the LUKS headers."})
    String pcrs;

    @Mixin SealingPcrs sealingPcrs;

    @Option(names = "--qr-png", paramLabel = "FILE", description = "Also write the QR code as a PNG (mode 0600).") Path qrPng;

    @Option(names = "--label", paramLabel = "TEXT",
            description = "The account name your phone shows (default: the board or host name).")
    String label;

    @Mixin JsonOutput output;

    @Override
    public Integer call() {
        ClockCheck.ofThisBuild().warning(Instant.now()).ifPresent(w -> System.err.println("custody: warning: " + w));
        Machine machine = machineOptions.resolve();
        List<Integer> sealTo = sealingPcrs.checked(pcrs != null ? PcrPolicy.parseList(pcrs) : machine.defaultOtpPcrs());
        try (Secret ownerAuth = ownerPassphrase.read(); Tpm tpm = Tpms.open(machine.tpm())) {
            TotpEnrolment enrolled = TotpEnrolment.enroll(machine, tpm, ownerAuth, sealTo, label != null ? label : machine.label(),
                    Optional.ofNullable(qrPng));
            output.print(enrolled.toJson(), enrolled.text());
        }
        return 0;
    }
}
