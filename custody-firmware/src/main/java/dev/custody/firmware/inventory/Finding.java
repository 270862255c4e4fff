package dev.custody.firmware.inventory;

/**
 * One security observation about an image.
 *
 * @param id      a stable, machine-readable name, e.g. {@code descriptor-writable}
 * @param message one sentence a provisioner can act on
 */
public record Finding(Severity severity, String id, String message) {}
