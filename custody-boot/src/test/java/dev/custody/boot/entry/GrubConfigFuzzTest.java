package dev.custody.boot.entry;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** grub.cfg: menu entries, submenus, variables, linux/multiboot2/module lines. */
class GrubConfigFuzzTest extends BootConfigFuzzTest {
    @FuzzTest
    void grubCfg(byte[] data) {
        GrubConfig.parse(scan(), "/grub2/grub.cfg", lines(data));
    }
}
