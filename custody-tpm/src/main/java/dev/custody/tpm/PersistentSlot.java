package dev.custody.tpm;

/**
 * Where a sealed object is kept: a persistent handle (TPM 2.0; TPM 1.2 maps it to an NV index),
 * and whether an object already there is replaced or the seal is refused.
 */
public record PersistentSlot(int handle, IfOccupied ifOccupied) {
    public enum IfOccupied { REPLACE, REFUSE }

    public static PersistentSlot replacing(int handle) {
        return new PersistentSlot(handle, IfOccupied.REPLACE);
    }

    public static PersistentSlot refusingToReplace(int handle) {
        return new PersistentSlot(handle, IfOccupied.REFUSE);
    }

    public boolean replaces() {
        return ifOccupied == IfOccupied.REPLACE;
    }
}
