package dev.custody.cli;

import java.util.SequencedMap;
import java.util.function.Supplier;

/**
 * A command whose subcommands {@link Subcommands} registers with picocli only when a command line
 * needs them, instead of through {@code @Command(subcommands = ...)}: picocli inspects every
 * class it is given, and a boot-time command such as {@code boot verify} should not pay for
 * inspecting {@code boot sign} and the rest.
 */
public interface CommandGroup {
    /**
     * The subcommands by the name in their {@code @Command}, in the order help lists them. The
     * suppliers are lambdas, not constructor references: linking a reference loads and verifies its
     * class at once, and boot-time commands run from a jar without the libraries of the others
     * (custody-boot.jar, custody-cli's pom).
     */
    SequencedMap<String, Supplier<Object>> subcommands();
}
