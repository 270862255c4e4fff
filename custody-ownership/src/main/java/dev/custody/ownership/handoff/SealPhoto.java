package dev.custody.ownership.handoff;

/** A photo of a tamper-evident seal shipped in the bundle, as the manifest names it. */
public record SealPhoto(String name, String sha256) {
    public SealPhoto {
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
            throw new IllegalArgumentException("seal photo name '" + name + "' must be a plain file name");
        }
    }
}
