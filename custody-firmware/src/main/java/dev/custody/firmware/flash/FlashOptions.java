package dev.custody.firmware.flash;

import java.nio.file.Path;

/**
 * @param backup             where the chip's current contents are saved before writing
 * @param keepSettings       copy the current image's {@code heads/} files into the new one
 * @param allowLayoutChange  write even if the size or descriptor layout differs from the chip's
 */
public record FlashOptions(Path backup, boolean keepSettings, boolean allowLayoutChange) {}
