package dev.custody.boot.entry;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** syslinux.cfg, isolinux.cfg and extlinux.conf: labels with kernel, append and initrd lines. */
class SyslinuxConfigFuzzTest extends BootConfigFuzzTest {
    @FuzzTest
    void syslinuxCfg(byte[] data) {
        SyslinuxConfig.parse(scan(), "/extlinux/extlinux.conf", lines(data));
    }
}
