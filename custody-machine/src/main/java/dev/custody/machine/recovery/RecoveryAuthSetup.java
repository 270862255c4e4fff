package dev.custody.machine.recovery;

import dev.custody.common.JsonMaps;
import dev.custody.common.Secret;
import dev.custody.firmware.FirmwareImage;
import dev.custody.firmware.cbfs.CbfsEditor;
import dev.custody.firmware.heads.ConfigUser;
import dev.custody.firmware.heads.HeadsFiles;
import dev.custody.machine.FirmwareUpdate;
import dev.custody.machine.LabMachine;
import dev.custody.machine.Machine;
import dev.custody.openpgp.Keyring;
import dev.custody.tpm.Hierarchy;
import dev.custody.tpm.Tpm;
import dev.custody.tpm.TpmException;
import dev.custody.tpm.Tpms;
import dev.custody.tpm.tpm12.Tpm12;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Sets or removes the recovery authentication in the firmware's config.user, through the same
 * safe flash as {@code rom flash}: backup, write, read back, then the TOTP secret resealed to the
 * measurements the changed config.user will give PCR 7, so the phone keeps working.
 *
 * <p>Everything is checked before the first change (a lab machine, a keyring for gpg, the owner
 * passphrase, by creating the counter). The failed-attempt counter is created first: it is harmless on its own, so a
 * stop between the two steps leaves the old firmware and a run that can simply be repeated.
 */
public final class RecoveryAuthSetup {
    public record Report(RecoveryAuth auth, FirmwareUpdate.Report flash) {
        /** What became of the TOTP, in words. */
        public String totp() {
            return switch (flash.reseal()) {
                case FirmwareUpdate.Reseal.Predicted p -> "resealed to the predicted measurements of the next power-on";
                case FirmwareUpdate.Reseal.NotSealed n -> "not sealed on this machine";
                case FirmwareUpdate.Reseal.Impossible i -> "NOT resealed (" + i.reason() + "): enrol it again after the power-on";
            };
        }

        /** As {@code recovery-auth set --json} and {@code off --json} show it. */
        public Map<String, Object> toJson() {
            return JsonMaps.object("recoveryAuth", auth.mode(), "backup", flash.backup().toString(),
                    "totpResealed", flash.reseal() instanceof FirmwareUpdate.Reseal.Predicted, "totp", totp());
        }

        /** The mode now in the firmware, the backup, and what became of the TOTP. */
        public String text() {
            return "Recovery authentication: " + auth.mode() + " (in the firmware's config.user, measured into PCR 7).\n"
                    + "Firmware written and verified by reading back; previous image in " + flash.backup() + ".\n"
                    + "TOTP: " + totp() + ".";
        }
    }

    private RecoveryAuthSetup() {}

    /** {@code auth} is {@link RecoveryAuth.None} to remove the setting. */
    public static Report apply(Machine machine, RecoveryAuth auth, Secret ownerAuth) {
        if (!(machine instanceof LabMachine lab)) {
            throw new IllegalArgumentException("recovery-auth changes a lab machine's firmware (--machine DIR); on this"
                    + " computer, set " + RecoveryAuth.CONFIG_KEY + " with 'custody rom config' and flash the image");
        }
        if (auth instanceof RecoveryAuth.OpenPgp) {
            Path keyring = machine.firmwareKeyring().orElseThrow(() -> new IllegalArgumentException(
                    "the firmware holds no owner keyring (" + HeadsFiles.PUBRING + "), so no signature could be checked;"
                            + " run 'custody own reset' first"));
            Keyring.load(keyring);
        }
        FirmwareImage current = read(lab.rom());
        ConfigUser config = HeadsFiles.configUser(current);
        ConfigUser next = auth instanceof RecoveryAuth.None ? config.without(RecoveryAuth.CONFIG_KEY)
                : config.with(RecoveryAuth.CONFIG_KEY, auth.configValue());
        FirmwareImage image = FirmwareImage.parse(HeadsFiles.withConfigUser(CbfsEditor.of(current, Optional.empty()), next).bytes());
        try (Tpm tpm = Tpms.open(lab.tpm())) {
            // TPM 1.2 cannot check a passphrase without using it; there the counter's creation checks it.
            if (!(tpm instanceof Tpm12) && !tpm.authorizes(Hierarchy.OWNER, ownerAuth)) {
                throw new IllegalArgumentException("the TPM owner passphrase is wrong or missing (--owner-auth-file F); it is"
                        + " needed to reseal the TOTP and create the failed-attempt counter; nothing was changed");
            }
            if (!(auth instanceof RecoveryAuth.None)) {
                try {
                    new FailedAttempts(tpm, lab.stateDirectory()).define(ownerAuth);
                } catch (TpmException e) {
                    throw new IllegalArgumentException("the failed-attempt counter cannot be created (" + e.getMessage()
                            + "); it needs the TPM owner passphrase (--owner-auth-file F); the firmware was not changed", e);
                }
            }
        }
        Path backup = lab.stateDirectory().resolve("rom-before-recovery-auth.bin");
        return new Report(auth, FirmwareUpdate.flash(lab, image, false, backup, ownerAuth));
    }

    private static FirmwareImage read(Path rom) {
        try {
            return FirmwareImage.read(rom);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + rom, e);
        }
    }
}
