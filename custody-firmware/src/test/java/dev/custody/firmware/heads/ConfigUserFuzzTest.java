package dev.custody.firmware.heads;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** Heads' config.user from a ROM's CBFS: read, changed and written back as {@code rom config} does. */
class ConfigUserFuzzTest {
    @FuzzTest
    void configUser(byte[] data) {
        ConfigUser config = ConfigUser.parse(data);
        config.settings();
        config.get("CONFIG_AUTO_BOOT_TIMEOUT");
        config.with("CONFIG_TPM2_TOOLS", "y").toBytes();
    }
}
