package dev.custody.boot.entry;

import java.util.Optional;

/** An entry with where it was found: the config file (relative to /boot) and the GRUB submenu, if any. */
public record FoundEntry(BootEntry entry, String config, Optional<String> submenu) {}
