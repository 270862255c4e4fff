package dev.custody.cli;

/** Written by DirectRunIndex from the commands' picocli annotations (DirectRunIndexTest); do not edit. */
final class DirectRunOptions {
    private DirectRunOptions() {}

    static final String[] INDEX = {
        "command\tdev.custody.cli.tpm.InfoCommand\tfalse",
        "option\tdev.custody.cli.tpm.InfoCommand#tpmOptions/dev.custody.cli.tpm.TpmOptions#spec\t--tpm\tfalse\t__no_default_value__\tjava.lang.String",
        "option\tdev.custody.cli.tpm.InfoCommand#tpmOptions/dev.custody.cli.tpm.TpmOptions#stateDirectory\t--state-dir\tfalse\t__no_default_value__\tjava.nio.file.Path",
        "option\tdev.custody.cli.tpm.InfoCommand#json/dev.custody.cli.JsonOutput#json\t--json\tfalse\t__no_default_value__\tboolean",
        "command\tdev.custody.cli.tpm.PowerCycleCommand\tfalse",
        "option\tdev.custody.cli.tpm.PowerCycleCommand#tpmOptions/dev.custody.cli.tpm.TpmOptions#spec\t--tpm\tfalse\t__no_default_value__\tjava.lang.String",
        "option\tdev.custody.cli.tpm.PowerCycleCommand#tpmOptions/dev.custody.cli.tpm.TpmOptions#stateDirectory\t--state-dir\tfalse\t__no_default_value__\tjava.nio.file.Path",
        "option\tdev.custody.cli.tpm.PowerCycleCommand#json/dev.custody.cli.JsonOutput#json\t--json\tfalse\t__no_default_value__\tboolean",
        "command\tdev.custody.cli.attest.TotpCommand\ttrue",
        "option\tdev.custody.cli.attest.TotpCommand#machineOptions/dev.custody.cli.MachineOptions#lab/dev.custody.cli.LabMachineOption#directory\t--machine\tfalse\t__no_default_value__\tjava.nio.file.Path",
        "option\tdev.custody.cli.attest.TotpCommand#machineOptions/dev.custody.cli.MachineOptions#boot\t--boot\tfalse\t__no_default_value__\tjava.nio.file.Path",
        "option\tdev.custody.cli.attest.TotpCommand#machineOptions/dev.custody.cli.MachineOptions#tpmOptions/dev.custody.cli.tpm.TpmOptions#spec\t--tpm\tfalse\t__no_default_value__\tjava.lang.String",
        "option\tdev.custody.cli.attest.TotpCommand#machineOptions/dev.custody.cli.MachineOptions#tpmOptions/dev.custody.cli.tpm.TpmOptions#stateDirectory\t--state-dir\tfalse\t__no_default_value__\tjava.nio.file.Path",
        "option\tdev.custody.cli.attest.TotpCommand#sealedPcrs/dev.custody.cli.attest.SealedPcrsOption#pcrs\t--pcrs\tfalse\t__no_default_value__\tjava.lang.String",
        "option\tdev.custody.cli.attest.TotpCommand#json/dev.custody.cli.JsonOutput#json\t--json\tfalse\t__no_default_value__\tboolean",
        "command\tdev.custody.cli.attest.HotpCommand\tfalse",
        "option\tdev.custody.cli.attest.HotpCommand#machineOptions/dev.custody.cli.MachineOptions#lab/dev.custody.cli.LabMachineOption#directory\t--machine\tfalse\t__no_default_value__\tjava.nio.file.Path",
        "option\tdev.custody.cli.attest.HotpCommand#machineOptions/dev.custody.cli.MachineOptions#boot\t--boot\tfalse\t__no_default_value__\tjava.nio.file.Path",
        "option\tdev.custody.cli.attest.HotpCommand#machineOptions/dev.custody.cli.MachineOptions#tpmOptions/dev.custody.cli.tpm.TpmOptions#spec\t--tpm\tfalse\t__no_default_value__\tjava.lang.String",
        "option\tdev.custody.cli.attest.HotpCommand#machineOptions/dev.custody.cli.MachineOptions#tpmOptions/dev.custody.cli.tpm.TpmOptions#stateDirectory\t--state-dir\tfalse\t__no_default_value__\tjava.nio.file.Path",
        "option\tdev.custody.cli.attest.HotpCommand#ownerPassphrase/dev.custody.cli.tpm.PassphraseOptions$Owner#file\t--owner-auth-file\tfalse\t__no_default_value__\tjava.nio.file.Path",
        "option\tdev.custody.cli.attest.HotpCommand#json/dev.custody.cli.JsonOutput#json\t--json\tfalse\t__no_default_value__\tboolean",
        "option\tdev.custody.cli.attest.HotpCommand#sealedPcrs/dev.custody.cli.attest.SealedPcrsOption#pcrs\t--pcrs\tfalse\t__no_default_value__\tjava.lang.String",
        "option\tdev.custody.cli.attest.HotpCommand#noKey\t--no-key\tfalse\t__no_default_value__\tboolean",
        "command\tdev.custody.cli.lab.LabDemoCommand\tfalse",
        "option\tdev.custody.cli.lab.LabDemoCommand#directory\t--dir\tfalse\t__no_default_value__\tjava.nio.file.Path",
        "option\tdev.custody.cli.lab.LabDemoCommand#tpmVersion\t--tpm-version\tfalse\t2.0\tjava.lang.String",
        "command\tdev.custody.cli.lab.LabCreateCommand\tfalse",
        "positional\tdev.custody.cli.lab.LabCreateCommand#directory\t\t__no_default_value__\tjava.nio.file.Path",
        "option\tdev.custody.cli.lab.LabCreateCommand#tpmVersion\t--tpm-version\tfalse\t2.0\tjava.lang.String",
        "option\tdev.custody.cli.lab.LabCreateCommand#firmware\t--firmware\tfalse\t__no_default_value__\tjava.lang.String",
        "option\tdev.custody.cli.lab.LabCreateCommand#packageRoot\t--package-root\tfalse\t/\tjava.nio.file.Path",
        "option\tdev.custody.cli.lab.LabCreateCommand#initrd\t--initrd\tfalse\t__no_default_value__\tjava.nio.file.Path",
        "option\tdev.custody.cli.lab.LabCreateCommand#kernel\t--kernel\tfalse\t__no_default_value__\tjava.nio.file.Path",
        "option\tdev.custody.cli.lab.LabCreateCommand#timeoutSeconds\t--timeout\tfalse\t300\tlong",
        "option\tdev.custody.cli.lab.LabCreateCommand#output/dev.custody.cli.JsonOutput#json\t--json\tfalse\t__no_default_value__\tboolean",
        "command\tdev.custody.cli.lab.LabPowerOnCommand\tfalse",
        "positional\tdev.custody.cli.lab.LabPowerOnCommand#directory\t\t__no_default_value__\tjava.nio.file.Path",
        "option\tdev.custody.cli.lab.LabPowerOnCommand#diskPassphrase\t--disk-passphrase-file\tfalse\t__no_default_value__\tjava.nio.file.Path",
        "option\tdev.custody.cli.lab.LabPowerOnCommand#timeoutSeconds\t--timeout\tfalse\t300\tlong",
        "option\tdev.custody.cli.lab.LabPowerOnCommand#output/dev.custody.cli.JsonOutput#json\t--json\tfalse\t__no_default_value__\tboolean",
        "command\tdev.custody.cli.lab.LabTamperCommand\tfalse",
        "positional\tdev.custody.cli.lab.LabTamperCommand#directory\t\t__no_default_value__\tjava.nio.file.Path",
        "option\tdev.custody.cli.lab.LabTamperCommand#what\t--what\ttrue\t__no_default_value__\tdev.custody.machine.lab.Tamper",
        "option\tdev.custody.cli.lab.LabTamperCommand#output/dev.custody.cli.JsonOutput#json\t--json\tfalse\t__no_default_value__\tboolean",
        "command\tdev.custody.cli.lab.LabInstallKernelCommand\tfalse",
        "positional\tdev.custody.cli.lab.LabInstallKernelCommand#directory\t\t__no_default_value__\tjava.nio.file.Path",
        "option\tdev.custody.cli.lab.LabInstallKernelCommand#kernel\t--kernel\ttrue\t__no_default_value__\tjava.nio.file.Path",
        "option\tdev.custody.cli.lab.LabInstallKernelCommand#diskPassphrase\t--disk-passphrase-file\tfalse\t__no_default_value__\tjava.nio.file.Path",
        "option\tdev.custody.cli.lab.LabInstallKernelCommand#ownerPassphrase/dev.custody.cli.tpm.PassphraseOptions$Owner#file\t--owner-auth-file\tfalse\t__no_default_value__\tjava.nio.file.Path",
        "option\tdev.custody.cli.lab.LabInstallKernelCommand#output/dev.custody.cli.JsonOutput#json\t--json\tfalse\t__no_default_value__\tboolean",
        "command\tdev.custody.cli.lab.LabStatusCommand\tfalse",
        "positional\tdev.custody.cli.lab.LabStatusCommand#directory\t\t__no_default_value__\tjava.nio.file.Path",
        "option\tdev.custody.cli.lab.LabStatusCommand#output/dev.custody.cli.JsonOutput#json\t--json\tfalse\t__no_default_value__\tboolean",
        "command\tdev.custody.cli.lab.LabStopCommand\tfalse",
        "positional\tdev.custody.cli.lab.LabStopCommand#directory\t\t__no_default_value__\tjava.nio.file.Path",
        "option\tdev.custody.cli.lab.LabStopCommand#json/dev.custody.cli.JsonOutput#json\t--json\tfalse\t__no_default_value__\tboolean",
        "command\tdev.custody.cli.eventlog.ReplayCommand\tfalse",
        "positional\tdev.custody.cli.eventlog.ReplayCommand#files\t0..*\t__no_default_value__\tjava.util.List<java.lang.String>",
        "option\tdev.custody.cli.eventlog.ReplayCommand#allPcrs\t--all-pcrs\tfalse\t__no_default_value__\tboolean",
        "option\tdev.custody.cli.eventlog.ReplayCommand#output/dev.custody.cli.eventlog.Output#json/dev.custody.cli.JsonOutput#json\t--json\tfalse\t__no_default_value__\tboolean",
        "command\tdev.custody.cli.rom.InspectCommand\tfalse",
        "positional\tdev.custody.cli.rom.InspectCommand#rom/dev.custody.cli.rom.RomImage#path\t\t__no_default_value__\tjava.nio.file.Path",
        "option\tdev.custody.cli.rom.InspectCommand#json/dev.custody.cli.JsonOutput#json\t--json\tfalse\t__no_default_value__\tboolean",
        "command\tdev.custody.cli.rom.AddCommand\tfalse",
        "positional\tdev.custody.cli.rom.AddCommand#rom/dev.custody.cli.rom.RomImage#path\t\t__no_default_value__\tjava.nio.file.Path",
        "option\tdev.custody.cli.rom.AddCommand#name\t--name\ttrue\t__no_default_value__\tjava.lang.String",
        "option\tdev.custody.cli.rom.AddCommand#file\t--file\ttrue\t__no_default_value__\tjava.nio.file.Path",
        "option\tdev.custody.cli.rom.AddCommand#type\t--type\tfalse\traw\tjava.lang.String",
        "option\tdev.custody.cli.rom.AddCommand#compression\t--compression\tfalse\tnone\tjava.lang.String",
        "option\tdev.custody.cli.rom.AddCommand#alignment\t--align\tfalse\t0\tint",
        "option\tdev.custody.cli.rom.AddCommand#hash\t--hash\tfalse\t__no_default_value__\tboolean",
        "option\tdev.custody.cli.rom.AddCommand#replace\t--replace\tfalse\t__no_default_value__\tboolean",
        "option\tdev.custody.cli.rom.AddCommand#edit/dev.custody.cli.rom.CbfsEdit#region/dev.custody.cli.rom.RegionOption#region\t--region\tfalse\t__no_default_value__\tjava.util.Optional<java.lang.String>",
        "option\tdev.custody.cli.rom.AddCommand#edit/dev.custody.cli.rom.CbfsEdit#output/dev.custody.cli.rom.RomOutput#output\t--output\tfalse\t__no_default_value__\tjava.util.Optional<java.nio.file.Path>",
        "command\tdev.custody.cli.rom.RemoveCommand\tfalse",
        "positional\tdev.custody.cli.rom.RemoveCommand#rom/dev.custody.cli.rom.RomImage#path\t\t__no_default_value__\tjava.nio.file.Path",
        "option\tdev.custody.cli.rom.RemoveCommand#name\t--name\ttrue\t__no_default_value__\tjava.lang.String",
        "option\tdev.custody.cli.rom.RemoveCommand#edit/dev.custody.cli.rom.CbfsEdit#region/dev.custody.cli.rom.RegionOption#region\t--region\tfalse\t__no_default_value__\tjava.util.Optional<java.lang.String>",
        "option\tdev.custody.cli.rom.RemoveCommand#edit/dev.custody.cli.rom.CbfsEdit#output/dev.custody.cli.rom.RomOutput#output\t--output\tfalse\t__no_default_value__\tjava.util.Optional<java.nio.file.Path>",
        "command\tdev.custody.cli.rom.ReadCommand\tfalse",
        "option\tdev.custody.cli.rom.ReadCommand#output\t--output\ttrue\t__no_default_value__\tjava.nio.file.Path",
        "option\tdev.custody.cli.rom.ReadCommand#flashrom/dev.custody.cli.rom.FlashromOptions#programmer\t--programmer\tfalse\tinternal\tjava.lang.String",
        "option\tdev.custody.cli.rom.ReadCommand#flashrom/dev.custody.cli.rom.FlashromOptions#chip\t--chip\tfalse\t__no_default_value__\tjava.util.Optional<java.lang.String>",
        "command\tdev.custody.cli.boot.EntriesCommand\tfalse",
        "option\tdev.custody.cli.boot.EntriesCommand#boot/dev.custody.cli.boot.BootDirectory#boot\t--boot\tfalse\t/boot\tjava.nio.file.Path",
        "option\tdev.custody.cli.boot.EntriesCommand#output/dev.custody.cli.JsonOutput#json\t--json\tfalse\t__no_default_value__\tboolean",
        "command\tdev.custody.cli.boot.VerifyCommand\tfalse",
        "option\tdev.custody.cli.boot.VerifyCommand#boot/dev.custody.cli.boot.BootDirectory#boot\t--boot\tfalse\t/boot\tjava.nio.file.Path",
        "option\tdev.custody.cli.boot.VerifyCommand#keyringFile\t--keyring\ttrue\t__no_default_value__\tjava.nio.file.Path",
        "option\tdev.custody.cli.boot.VerifyCommand#tpmOptions/dev.custody.cli.tpm.TpmOptions#spec\t--tpm\tfalse\t__no_default_value__\tjava.lang.String",
        "option\tdev.custody.cli.boot.VerifyCommand#tpmOptions/dev.custody.cli.tpm.TpmOptions#stateDirectory\t--state-dir\tfalse\t__no_default_value__\tjava.nio.file.Path",
        "option\tdev.custody.cli.boot.VerifyCommand#requireRollback\t--require-rollback\tfalse\t__no_default_value__\tboolean",
        "option\tdev.custody.cli.boot.VerifyCommand#policyOption/dev.custody.cli.boot.PolicyOption#file\t--config\tfalse\t__no_default_value__\tjava.nio.file.Path",
        "option\tdev.custody.cli.boot.VerifyCommand#output/dev.custody.cli.JsonOutput#json\t--json\tfalse\t__no_default_value__\tboolean",
        "command\tdev.custody.cli.boot.ChangesCommand\tfalse",
        "option\tdev.custody.cli.boot.ChangesCommand#boot/dev.custody.cli.boot.BootDirectory#boot\t--boot\tfalse\t/boot\tjava.nio.file.Path",
        "option\tdev.custody.cli.boot.ChangesCommand#output/dev.custody.cli.JsonOutput#json\t--json\tfalse\t__no_default_value__\tboolean",
        "command\tdev.custody.cli.boot.RootHashesCommand\tfalse",
        "option\tdev.custody.cli.boot.RootHashesCommand#boot/dev.custody.cli.boot.BootDirectory#boot\t--boot\tfalse\t/boot\tjava.nio.file.Path",
        "option\tdev.custody.cli.boot.RootHashesCommand#root\t--root\ttrue\t__no_default_value__\tjava.nio.file.Path",
        "option\tdev.custody.cli.boot.RootHashesCommand#check\t--check\tfalse\t__no_default_value__\tboolean",
        "option\tdev.custody.cli.boot.RootHashesCommand#keyring\t--keyring\tfalse\t__no_default_value__\tjava.nio.file.Path",
        "option\tdev.custody.cli.boot.RootHashesCommand#policyOption/dev.custody.cli.boot.PolicyOption#file\t--config\tfalse\t__no_default_value__\tjava.nio.file.Path",
        "option\tdev.custody.cli.boot.RootHashesCommand#output/dev.custody.cli.JsonOutput#json\t--json\tfalse\t__no_default_value__\tboolean",
        "command\tdev.custody.cli.boot.ResealCommand\tfalse",
        "option\tdev.custody.cli.boot.ResealCommand#kernel\t--kernel\ttrue\t__no_default_value__\tjava.nio.file.Path",
        "option\tdev.custody.cli.boot.ResealCommand#replaces\t--replaces\tfalse\t__no_default_value__\tjava.nio.file.Path",
        "option\tdev.custody.cli.boot.ResealCommand#diskPassphrase\t--disk-passphrase-file\tfalse\t__no_default_value__\tjava.nio.file.Path",
        "option\tdev.custody.cli.boot.ResealCommand#machineOptions/dev.custody.cli.MachineOptions#lab/dev.custody.cli.LabMachineOption#directory\t--machine\tfalse\t__no_default_value__\tjava.nio.file.Path",
        "option\tdev.custody.cli.boot.ResealCommand#machineOptions/dev.custody.cli.MachineOptions#boot\t--boot\tfalse\t__no_default_value__\tjava.nio.file.Path",
        "option\tdev.custody.cli.boot.ResealCommand#machineOptions/dev.custody.cli.MachineOptions#tpmOptions/dev.custody.cli.tpm.TpmOptions#spec\t--tpm\tfalse\t__no_default_value__\tjava.lang.String",
        "option\tdev.custody.cli.boot.ResealCommand#machineOptions/dev.custody.cli.MachineOptions#tpmOptions/dev.custody.cli.tpm.TpmOptions#stateDirectory\t--state-dir\tfalse\t__no_default_value__\tjava.nio.file.Path",
        "option\tdev.custody.cli.boot.ResealCommand#ownerPassphrase/dev.custody.cli.tpm.PassphraseOptions$Owner#file\t--owner-auth-file\tfalse\t__no_default_value__\tjava.nio.file.Path",
        "option\tdev.custody.cli.boot.ResealCommand#json/dev.custody.cli.JsonOutput#json\t--json\tfalse\t__no_default_value__\tboolean",
        "command\tdev.custody.cli.boot.UnlockCommand\tfalse",
        "option\tdev.custody.cli.boot.UnlockCommand#tpmOptions/dev.custody.cli.tpm.TpmOptions#spec\t--tpm\tfalse\t__no_default_value__\tjava.lang.String",
        "option\tdev.custody.cli.boot.UnlockCommand#tpmOptions/dev.custody.cli.tpm.TpmOptions#stateDirectory\t--state-dir\tfalse\t__no_default_value__\tjava.nio.file.Path",
        "option\tdev.custody.cli.boot.UnlockCommand#boot\t--boot\tfalse\t__no_default_value__\tjava.nio.file.Path",
        "option\tdev.custody.cli.boot.UnlockCommand#passphraseFile\t--passphrase-file\tfalse\t__no_default_value__\tjava.nio.file.Path",
        "option\tdev.custody.cli.boot.UnlockCommand#name\t--name\tfalse\t__no_default_value__\tjava.lang.String",
        "option\tdev.custody.cli.boot.UnlockCommand#checkOnly\t--check-only\tfalse\t__no_default_value__\tboolean",
        "option\tdev.custody.cli.boot.UnlockCommand#noPrompt\t--no-prompt\tfalse\t__no_default_value__\tboolean",
        "command\tdev.custody.cli.menu.MenuCommand\tfalse",
        "option\tdev.custody.cli.menu.MenuCommand#machineOptions/dev.custody.cli.MachineOptions#lab/dev.custody.cli.LabMachineOption#directory\t--machine\tfalse\t__no_default_value__\tjava.nio.file.Path",
        "option\tdev.custody.cli.menu.MenuCommand#machineOptions/dev.custody.cli.MachineOptions#boot\t--boot\tfalse\t__no_default_value__\tjava.nio.file.Path",
        "option\tdev.custody.cli.menu.MenuCommand#machineOptions/dev.custody.cli.MachineOptions#tpmOptions/dev.custody.cli.tpm.TpmOptions#spec\t--tpm\tfalse\t__no_default_value__\tjava.lang.String",
        "option\tdev.custody.cli.menu.MenuCommand#machineOptions/dev.custody.cli.MachineOptions#tpmOptions/dev.custody.cli.tpm.TpmOptions#stateDirectory\t--state-dir\tfalse\t__no_default_value__\tjava.nio.file.Path",
        "option\tdev.custody.cli.menu.MenuCommand#keyring\t--keyring\tfalse\t__no_default_value__\tjava.nio.file.Path",
        "option\tdev.custody.cli.menu.MenuCommand#key\t--key\tfalse\t__no_default_value__\tjava.nio.file.Path",
        "option\tdev.custody.cli.menu.MenuCommand#gpgHome\t--gpg-home\tfalse\t__no_default_value__\tjava.nio.file.Path",
        "option\tdev.custody.cli.menu.MenuCommand#planFile\t--plan\tfalse\t__no_default_value__\tjava.nio.file.Path",
        "option\tdev.custody.cli.menu.MenuCommand#policyOption/dev.custody.cli.boot.PolicyOption#file\t--config\tfalse\t__no_default_value__\tjava.nio.file.Path",
        "command\tdev.custody.cli.disk.DiskKeyUnsealCommand\tfalse",
        "option\tdev.custody.cli.disk.DiskKeyUnsealCommand#machineOptions/dev.custody.cli.MachineOptions#lab/dev.custody.cli.LabMachineOption#directory\t--machine\tfalse\t__no_default_value__\tjava.nio.file.Path",
        "option\tdev.custody.cli.disk.DiskKeyUnsealCommand#machineOptions/dev.custody.cli.MachineOptions#boot\t--boot\tfalse\t__no_default_value__\tjava.nio.file.Path",
        "option\tdev.custody.cli.disk.DiskKeyUnsealCommand#machineOptions/dev.custody.cli.MachineOptions#tpmOptions/dev.custody.cli.tpm.TpmOptions#spec\t--tpm\tfalse\t__no_default_value__\tjava.lang.String",
        "option\tdev.custody.cli.disk.DiskKeyUnsealCommand#machineOptions/dev.custody.cli.MachineOptions#tpmOptions/dev.custody.cli.tpm.TpmOptions#stateDirectory\t--state-dir\tfalse\t__no_default_value__\tjava.nio.file.Path",
        "option\tdev.custody.cli.disk.DiskKeyUnsealCommand#passphraseFile\t--passphrase-file\tfalse\t__no_default_value__\tjava.nio.file.Path",
        "option\tdev.custody.cli.disk.DiskKeyUnsealCommand#out\t--out\tfalse\t__no_default_value__\tjava.nio.file.Path",
        "command\tdev.custody.cli.disk.DiskKeyStatusCommand\tfalse",
        "option\tdev.custody.cli.disk.DiskKeyStatusCommand#machineOptions/dev.custody.cli.MachineOptions#lab/dev.custody.cli.LabMachineOption#directory\t--machine\tfalse\t__no_default_value__\tjava.nio.file.Path",
        "option\tdev.custody.cli.disk.DiskKeyStatusCommand#machineOptions/dev.custody.cli.MachineOptions#boot\t--boot\tfalse\t__no_default_value__\tjava.nio.file.Path",
        "option\tdev.custody.cli.disk.DiskKeyStatusCommand#machineOptions/dev.custody.cli.MachineOptions#tpmOptions/dev.custody.cli.tpm.TpmOptions#spec\t--tpm\tfalse\t__no_default_value__\tjava.lang.String",
        "option\tdev.custody.cli.disk.DiskKeyStatusCommand#machineOptions/dev.custody.cli.MachineOptions#tpmOptions/dev.custody.cli.tpm.TpmOptions#stateDirectory\t--state-dir\tfalse\t__no_default_value__\tjava.nio.file.Path",
        "option\tdev.custody.cli.disk.DiskKeyStatusCommand#json/dev.custody.cli.JsonOutput#json\t--json\tfalse\t__no_default_value__\tboolean",
        "command\tdev.custody.cli.recovery.RecoveryAuthOffCommand\tfalse",
        "option\tdev.custody.cli.recovery.RecoveryAuthOffCommand#machineOptions/dev.custody.cli.MachineOptions#lab/dev.custody.cli.LabMachineOption#directory\t--machine\tfalse\t__no_default_value__\tjava.nio.file.Path",
        "option\tdev.custody.cli.recovery.RecoveryAuthOffCommand#machineOptions/dev.custody.cli.MachineOptions#boot\t--boot\tfalse\t__no_default_value__\tjava.nio.file.Path",
        "option\tdev.custody.cli.recovery.RecoveryAuthOffCommand#machineOptions/dev.custody.cli.MachineOptions#tpmOptions/dev.custody.cli.tpm.TpmOptions#spec\t--tpm\tfalse\t__no_default_value__\tjava.lang.String",
        "option\tdev.custody.cli.recovery.RecoveryAuthOffCommand#machineOptions/dev.custody.cli.MachineOptions#tpmOptions/dev.custody.cli.tpm.TpmOptions#stateDirectory\t--state-dir\tfalse\t__no_default_value__\tjava.nio.file.Path",
        "option\tdev.custody.cli.recovery.RecoveryAuthOffCommand#ownerPassphrase/dev.custody.cli.tpm.PassphraseOptions$Owner#file\t--owner-auth-file\tfalse\t__no_default_value__\tjava.nio.file.Path",
        "option\tdev.custody.cli.recovery.RecoveryAuthOffCommand#json/dev.custody.cli.JsonOutput#json\t--json\tfalse\t__no_default_value__\tboolean",
        "command\tdev.custody.cli.docs.CompletionCommand\tfalse",
        "positional\tdev.custody.cli.docs.CompletionCommand#shell\t\t__no_default_value__\tdev.custody.cli.docs.Shell",
        "command\tdev.custody.cli.docs.ManpagesCommand\tfalse",
        "positional\tdev.custody.cli.docs.ManpagesCommand#directory\t\t__no_default_value__\tjava.nio.file.Path",
        "option\tdev.custody.cli.docs.ManpagesCommand#quiet\t--quiet\tfalse\t__no_default_value__\tboolean",
    };

    /** The mixin at {@code step} ("CLASS#field") of {@code target}, made first when it is null, as picocli does. */
    static Object mixin(String step, Object target) {
        return switch (step.substring(0, step.lastIndexOf('.'))) {
            case "dev.custody.cli" -> dev.custody.cli.DirectRunFields.mixin(step, target);
            case "dev.custody.cli.attest" -> dev.custody.cli.attest.DirectRunFields.mixin(step, target);
            case "dev.custody.cli.boot" -> dev.custody.cli.boot.DirectRunFields.mixin(step, target);
            case "dev.custody.cli.disk" -> dev.custody.cli.disk.DirectRunFields.mixin(step, target);
            case "dev.custody.cli.docs" -> dev.custody.cli.docs.DirectRunFields.mixin(step, target);
            case "dev.custody.cli.eventlog" -> dev.custody.cli.eventlog.DirectRunFields.mixin(step, target);
            case "dev.custody.cli.lab" -> dev.custody.cli.lab.DirectRunFields.mixin(step, target);
            case "dev.custody.cli.menu" -> dev.custody.cli.menu.DirectRunFields.mixin(step, target);
            case "dev.custody.cli.recovery" -> dev.custody.cli.recovery.DirectRunFields.mixin(step, target);
            case "dev.custody.cli.rom" -> dev.custody.cli.rom.DirectRunFields.mixin(step, target);
            case "dev.custody.cli.tpm" -> dev.custody.cli.tpm.DirectRunFields.mixin(step, target);
            default -> throw new IllegalArgumentException("DirectRun binds no field " + step);
        };
    }

    /** Sets the option or parameter at {@code step} of {@code target} to {@code value}, of the field's type. */
    static void set(String step, Object target, Object value) {
        switch (step.substring(0, step.lastIndexOf('.'))) {
            case "dev.custody.cli" -> dev.custody.cli.DirectRunFields.set(step, target, value);
            case "dev.custody.cli.attest" -> dev.custody.cli.attest.DirectRunFields.set(step, target, value);
            case "dev.custody.cli.boot" -> dev.custody.cli.boot.DirectRunFields.set(step, target, value);
            case "dev.custody.cli.disk" -> dev.custody.cli.disk.DirectRunFields.set(step, target, value);
            case "dev.custody.cli.docs" -> dev.custody.cli.docs.DirectRunFields.set(step, target, value);
            case "dev.custody.cli.eventlog" -> dev.custody.cli.eventlog.DirectRunFields.set(step, target, value);
            case "dev.custody.cli.lab" -> dev.custody.cli.lab.DirectRunFields.set(step, target, value);
            case "dev.custody.cli.menu" -> dev.custody.cli.menu.DirectRunFields.set(step, target, value);
            case "dev.custody.cli.recovery" -> dev.custody.cli.recovery.DirectRunFields.set(step, target, value);
            case "dev.custody.cli.rom" -> dev.custody.cli.rom.DirectRunFields.set(step, target, value);
            case "dev.custody.cli.tpm" -> dev.custody.cli.tpm.DirectRunFields.set(step, target, value);
            default -> throw new IllegalArgumentException("DirectRun binds no field " + step);
        }
    }
}
