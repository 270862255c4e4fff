package dev.custody.machine;

import dev.custody.tpm.SealRecords;
import dev.custody.tpm.TpmSpec;
import java.nio.file.Path;
import java.util.List;

/**
 * What a command acts on: this computer, or a virtual lab machine kept in a folder. Each piece
 * (TPM, /boot, ROM, measurement log) comes from the real thing or from the lab's files.
 */
public sealed interface Machine permits HostMachine, LabMachine {
    TpmSpec tpm();

    SealRecords sealRecords();

    Path bootDirectory();

    /** The name an authenticator app shows for this machine's TOTP: board or host name. */
    String label();

    /** PCRs the TOTP secret is sealed to unless the owner chooses others. */
    List<Integer> defaultOtpPcrs();
}
