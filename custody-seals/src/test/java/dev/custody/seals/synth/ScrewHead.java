package dev.custody.seals.synth;

/** The recess of the screw under the polish. */
public enum ScrewHead { PHILLIPS, TORX }
