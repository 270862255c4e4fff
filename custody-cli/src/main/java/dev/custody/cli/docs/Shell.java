package dev.custody.cli.docs;

/** The shells {@code custody completion} writes scripts for. */
enum Shell {
    BASH,
    ZSH
}
