package dev.custody.machine.recovery;

import dev.custody.boot.policy.BootPolicy;
import dev.custody.firmware.FirmwareImage;
import dev.custody.firmware.heads.ConfigUser;
import dev.custody.firmware.heads.HeadsFiles;
import dev.custody.machine.Machine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The settings recovery obeys. Where Custody can read the machine's firmware (a lab's rom.bin),
 * its config.user decides the authentication: the measured copy, not a file anyone could pass.
 * Elsewhere the config.user given (Heads' /etc/config.user) decides. Restricted mode holds when
 * either says so.
 */
public record RecoverySettings(BootPolicy policy, RecoveryAuth auth) {
    public static RecoverySettings of(Machine machine, Optional<Path> configFile) {
        Optional<ConfigUser> firmware = machine.firmwareImageFile().map(RecoverySettings::firmwareConfig);
        Optional<ConfigUser> given = configFile.map(RecoverySettings::fileConfig);
        ConfigUser deciding = firmware.or(() -> given).orElse(ConfigUser.empty());
        BootPolicy policy = policy("config.user", deciding);
        if (given.isPresent() && firmware.isPresent()) {
            BootPolicy other = policy(configFile.get().toString(), given.get());
            policy = other.restricted() && !policy.restricted() ? other : policy;
        }
        return new RecoverySettings(policy, RecoveryAuth.of(deciding));
    }

    public static ConfigUser firmwareConfig(Path rom) {
        try {
            return HeadsFiles.configUser(FirmwareImage.read(rom));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the firmware " + rom, e);
        }
    }

    private static ConfigUser fileConfig(Path file) {
        try {
            return ConfigUser.parse(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static BootPolicy policy(String name, ConfigUser config) {
        return BootPolicy.parse(name, new String(config.toBytes(), StandardCharsets.UTF_8));
    }
}
