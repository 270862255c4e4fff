package dev.custody.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * Runs a command line that names a command and uses its options plainly, without building
 * picocli's model or reading its annotations: at every boot, {@code custody totp} spent more time
 * in picocli (reflection, annotation proxies, classes the start-up cache cannot hold) than in
 * talking to the TPM. The options come from the index custody-cli-processor writes from their
 * annotations at build time ({@code DirectRunOptions}), and are set by plain assignments it writes too
 * (one {@code DirectRunFields} per package): no reflection either.
 * <p>
 * It only ever takes the plain case: options the command declares (each at most once, given as
 * {@code --name value}, {@code --name=value} or a flag), positional parameters, values of type
 * String, Path, boolean, int or long, {@code --debug} first or after the command's name. Anything
 * else (help, an unknown or repeated option, a missing value, a value that does not convert,
 * {@code @files}, {@code --}, a command the index leaves out, a required option left out) returns
 * empty, and picocli parses the same command line: every help text, usage error and exit code
 * stays picocli's. A failure of the command itself is reported exactly as {@link UserFacingErrors}
 * reports it under picocli.
 */
final class DirectRun {
    private static final String DEBUG = "--debug";
    /** picocli's default value of an option's default value: none. */
    private static final String NO_DEFAULT = "__no_default_value__";
    private static final Map<String, List<String[]>> INDEX = readIndex();

    private final Map<String, Binding> options = new HashMap<>();
    private Binding positional;
    /** A word that is no option's value may then name a subcommand, which picocli resolves. */
    private boolean hasSubcommands;

    private DirectRun() {}

    /** The command's exit code, or empty when picocli must parse this command line. */
    static OptionalInt run(String... args) {
        Optional<Object> command = bound(args);
        if (command.isEmpty()) {
            return OptionalInt.empty();
        }
        CustodyCommand.debug = List.of(args).contains(DEBUG);
        return OptionalInt.of(execute(command.get()));
    }

    /** The command {@code args} name with its fields set from them, or empty when picocli must parse them. */
    static Optional<Object> bound(String... args) {
        List<String> words = List.of(args);
        if (Collections.frequency(words, DEBUG) > 1) {
            return Optional.empty();
        }
        if (!words.isEmpty() && words.getFirst().equals(DEBUG)) {
            words = words.subList(1, words.size());
        }
        for (String word : words) {
            if (word.startsWith("@") || word.equals("--")) {
                return Optional.empty();
            }
        }
        Optional<Subcommands.Leaf> leaf = Subcommands.leaf(words);
        if (leaf.isEmpty()) {
            return Optional.empty();
        }
        Object command = leaf.get().command();
        List<String[]> indexed = INDEX.get(command.getClass().getName());
        DirectRun binder = new DirectRun();
        return indexed != null && binder.attach(command, indexed) && binder.bind(leaf.get().rest())
                ? Optional.of(command) : Optional.empty();
    }

    private static int execute(Object command) {
        // Not a pattern switch: its bootstrap makes a class at run time, which no start-up cache holds.
        try {
            if (command instanceof Callable<?> callable) {
                return callable.call() instanceof Integer code ? code : 0;
            }
            ((Runnable) command).run();
            return 0;
        } catch (Exception e) {
            PrintWriter err = new PrintWriter(System.err, true, System.err.charset());
            return UserFacingErrors.report(e, err);
        }
    }

    /** The index's lines by command class: each line's words after the "command" line of its class. */
    private static Map<String, List<String[]>> readIndex() {
        Map<String, List<String[]>> index = new HashMap<>();
        List<String[]> current = null;
        for (String line : DirectRunOptions.INDEX) {
            String[] words = line.split("\t", -1);
            if (words[0].equals("command")) {
                current = new ArrayList<>();
                index.put(words[1], current);
            }
            current.add(words);
        }
        return index;
    }

    /** Finds the command's fields the index names, making their mixins as picocli would. */
    private boolean attach(Object command, List<String[]> indexed) {
        hasSubcommands = Boolean.parseBoolean(indexed.getFirst()[2]);
        for (String[] words : indexed.subList(1, indexed.size())) {
            Optional<Target> target = target(command, words[1]);
            if (target.isEmpty()) {
                return false;
            }
            Object object = target.get().object();
            String step = target.get().step();
            if (words[0].equals("positional")) {
                positional = new Binding(object, step, words[4], words[3], false, words[2]);
            } else if (!option(words[2].split(","),
                    new Binding(object, step, words[5], words[4], Boolean.parseBoolean(words[3]), ""))) {
                return false;
            }
        }
        return true;
    }

    /** The object that holds the field at {@code step}, the last of {@code path}'s (see DirectRunProcessor). */
    private record Target(Object object, String step) {}

    private static Optional<Target> target(Object command, String path) {
        Object object = command;
        String[] steps = path.split("/");
        try {
            for (int i = 0; i < steps.length - 1; i++) {
                object = DirectRunOptions.mixin(steps[i], object);
            }
            return Optional.of(new Target(object, steps[steps.length - 1]));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private boolean option(String[] names, Binding binding) {
        for (String name : names) {
            if (options.put(name, binding) != null) {
                return false;
            }
        }
        return true;
    }

    /** Sets the fields from {@code rest}; false, with nothing run yet, when picocli must judge it. */
    private boolean bind(List<String> rest) {
        // By identity: a record's own hashCode is linked at run time (an indy the start-up cache cannot hold).
        Set<Binding> given = Collections.newSetFromMap(new IdentityHashMap<>());
        List<String> values = new ArrayList<>();
        for (int i = 0; i < rest.size(); i++) {
            String word = rest.get(i);
            if (!word.startsWith("-")) {
                values.add(word);
                continue;
            }
            if (word.equals(DEBUG)) {
                continue;
            }
            int equals = word.indexOf('=');
            Binding binding = options.get(equals < 0 ? word : word.substring(0, equals));
            if (binding == null || !given.add(binding)) {
                return false;
            }
            String value;
            if (binding.flag()) {
                if (equals >= 0) {
                    return false;
                }
                value = "true";
            } else if (equals >= 0) {
                value = word.substring(equals + 1);
            } else if (i + 1 < rest.size() && !rest.get(i + 1).startsWith("-")) {
                value = rest.get(++i);
            } else {
                return false;
            }
            if (!binding.set(List.of(value))) {
                return false;
            }
        }
        for (Binding binding : options.values()) {
            if (!given.contains(binding) && !binding.applyDefault()) {
                return false;
            }
        }
        if (positional == null || hasSubcommands) {
            return values.isEmpty();
        }
        return positional.setPositional(values);
    }

    private static final java.util.regex.Pattern PLAIN_DECIMAL = java.util.regex.Pattern.compile("0|[1-9][0-9]{0,17}");

    /** One option or positional parameter of the command or of one of its mixins; {@code type} as Java writes it. */
    private record Binding(Object target, String step, String type, String defaultValue, boolean required, String arity) {
        private static final String LIST = "java.util.List<";

        boolean flag() {
            return type.equals("boolean") || type.equals("java.lang.Boolean");
        }

        boolean applyDefault() {
            if (required) {
                return false;
            }
            return defaultValue.equals(NO_DEFAULT) || set(List.of(defaultValue));
        }

        boolean setPositional(List<String> values) {
            if (!type.startsWith(LIST)) {
                return values.size() == 1 && (arity.isEmpty() || arity.equals("1")) && set(values);
            }
            if (values.isEmpty()) {
                return arity.equals("0..*");
            }
            return set(values);
        }

        /** Converts and stores the values; false when a value is one picocli should refuse itself (an invalid path, ...). */
        boolean set(List<String> values) {
            try {
                Object converted;
                if (type.startsWith(LIST)) {
                    String element = type.substring(LIST.length(), type.length() - 1);
                    List<Object> list = new ArrayList<>();
                    for (String value : values) {
                        Object one = convert(element, value);
                        if (one == null) {
                            return false;
                        }
                        list.add(one);
                    }
                    converted = list;
                } else {
                    converted = convert(type, values.getFirst());
                }
                if (converted == null) {
                    return false;
                }
                DirectRunOptions.set(step, target, converted);
                return true;
            } catch (IllegalArgumentException | ArithmeticException e) {
                return false;
            }
        }

        private static Object convert(String type, String value) {
            return switch (type) {
                case "java.lang.String" -> value;
                case "java.nio.file.Path" -> Path.of(value);
                case "boolean", "java.lang.Boolean" -> Boolean.valueOf(value);
                // Only plain decimals: picocli reads "010" and "0x10" its own way, so it gets those.
                case "int", "java.lang.Integer" -> PLAIN_DECIMAL.matcher(value).matches() ? (Object) Math.toIntExact(Long.parseLong(value)) : null;
                case "long", "java.lang.Long" -> PLAIN_DECIMAL.matcher(value).matches() ? (Object) Long.parseLong(value) : null;
                default -> null;
            };
        }
    }
}
