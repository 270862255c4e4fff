package dev.custody.cli.own;

import dev.custody.cli.JsonOutput;
import dev.custody.cli.MachineOptions;
import dev.custody.cli.key.SigningKeyOptions;
import dev.custody.machine.Machine;
import dev.custody.ownership.OwnerSecrets;
import dev.custody.ownership.OwnershipFiles;
import dev.custody.ownership.handoff.BundleWriter;
import dev.custody.ownership.handoff.HandoffReference;
import dev.custody.ownership.handoff.ProvisionerSigner;
import dev.custody.ownership.handoff.SealPhoto;
import dev.custody.ownership.reference.ReferenceMeasurements;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "handoff", mixinStandardHelpOptions = true,
        description = {"Make the hand-off bundle for shipping a prepared machine to its new owner.",
            "Writes to --out: manifest.json (the machine's identity, firmware and blob hashes, /boot manifest",
            "hash, expected PCRs, TOTP PCR selection, seal photo hashes, date), manifest.json.asc (signed with",
            "your key; gpgv checks it), provisioner.asc (your public key), seals/ (the photos), and",
            "share-1.txt/.png ... share-N.txt/.png: the owner's secrets split so that any K of the N shares",
            "recover them and fewer reveal nothing. The secrets are checked first: the TOTP secret must be the one",
            "the TPM releases now, the owner passphrase the TPM's, the disk passphrase one that opens the disk.",
            "Send each share over a different channel, then delete it here.",
            "Tell the new owner your key's fingerprint over yet another channel: it is what they trust."})
public final class OwnHandoffCommand implements Callable<Integer> {
    @Mixin MachineOptions machineOptions;

    @Option(names = "--shares", required = true, paramLabel = "N", description = "How many shares to make (1-255).") int count;

    @Option(names = "--threshold", required = true, paramLabel = "K", description = "How many shares recover the secrets.") int threshold;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "An empty or new folder for the bundle.") Path out;

    /** Without --key or --gpg-home: the key the reset saved, state/ownership/owner-key.asc. */
    @Mixin SigningKeyOptions key;

    @Option(names = "--secrets", paramLabel = "FILE",
            description = "The owner secrets to split, as the reset saved them (default: state/ownership/secrets.json).")
    Path secretsFile;

    @Option(names = "--seal-photo", paramLabel = "FILE[@x,y,w,h]",
            description = {"A photo of a tamper-evident seal to ship, optionally with where the seal is in it",
                "(as seals enroll --roi); repeatable."})
    List<String> sealPhotos = new ArrayList<>();

    @Option(names = "--serial", paramLabel = "TEXT", description = "The machine's serial number, from its label.") String serial;

    @Mixin FirmwareSource firmware;

    @Mixin JsonOutput json;

    @Override
    public Integer call() {
        Machine machine = machineOptions.resolve();
        OwnershipFiles files = OwnershipFiles.of(machine);
        try (OwnerSecrets secrets = HandoffReference.readSecrets(secretsFile != null ? secretsFile : files.secrets())) {
            ReferenceMeasurements reference = HandoffReference.measure(machine, () -> firmware.image(machine), files, secrets);
            ProvisionerSigner provisioner = key.gpgHome().isPresent()
                    ? ProvisionerSigner.gnupg(key.gpgHome().get(), key.localUser())
                    : ProvisionerSigner.keyFile(key.keyFile(), files, secrets, key.passphraseFile().isPresent(),
                            file -> SigningKeyOptions.unlock(file, key.passphraseFile()));
            BundleWriter.Written written = BundleWriter.write(out, reference, Optional.ofNullable(serial),
                    sealPhotos.stream().map(SealPhoto.ToShip::parse).toList(), secrets, threshold, count,
                    provisioner.signer(), provisioner.publicKey());
            json.print(written.toJson(), String.join(System.lineSeparator(), written.lines()));
        }
        return 0;
    }
}
