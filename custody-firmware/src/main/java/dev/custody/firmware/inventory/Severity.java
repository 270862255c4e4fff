package dev.custody.firmware.inventory;

/** How much a finding matters, lowest first. */
public enum Severity {
    INFO,
    WARNING,
    CRITICAL
}
