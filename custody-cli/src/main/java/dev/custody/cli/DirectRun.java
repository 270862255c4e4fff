package dev.custody.cli;

import java.io.PrintWriter;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
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
 * talking to the TPM. The options come from the index {@link DirectRunIndex} writes from them.
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
        try {
            return switch (command) {
                case Callable<?> callable -> callable.call() instanceof Integer code ? code : 0;
                case Runnable runnable -> {
                    runnable.run();
                    yield 0;
                }
                default -> throw new IllegalStateException("not runnable: " + command.getClass());
            };
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
            Field field = target.get().field();
            if (words[0].equals("positional")) {
                positional = new Binding(object, field, words[3], false, words[2]);
            } else if (!option(words[2].split(","), new Binding(object, field, words[4], Boolean.parseBoolean(words[3]), ""))) {
                return false;
            }
        }
        return true;
    }

    private record Target(Object object, Field field) {}

    /** The object that holds the field at the end of {@code path} (see DirectRunIndex), and the field. */
    private static Optional<Target> target(Object command, String path) {
        Object object = command;
        String[] steps = path.split("/");
        try {
            for (int i = 0; ; i++) {
                String[] step = steps[i].split("#");
                Field field = Class.forName(step[0], false, DirectRun.class.getClassLoader()).getDeclaredField(step[1]);
                if (!field.getDeclaringClass().isInstance(object)) {
                    return Optional.empty();
                }
                if (i == steps.length - 1) {
                    field.setAccessible(true);
                    return Optional.of(new Target(object, field));
                }
                Optional<Object> mixin = mixin(object, field);
                if (mixin.isEmpty()) {
                    return Optional.empty();
                }
                object = mixin.get();
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The mixin {@code field} of {@code target}, made with its no-argument constructor when it is null, as picocli does. */
    static Optional<Object> mixin(Object target, Field field) {
        try {
            field.setAccessible(true);
            Object value = field.get(target);
            if (value == null) {
                var constructor = field.getType().getDeclaredConstructor();
                constructor.setAccessible(true);
                value = constructor.newInstance();
                field.set(target, value);
            }
            return Optional.of(value);
        } catch (ReflectiveOperationException | RuntimeException e) {
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

    /** One option or positional parameter of the command or of one of its mixins. */
    private record Binding(Object target, Field field, String defaultValue, boolean required, String arity) {
        boolean flag() {
            return field.getType() == boolean.class || field.getType() == Boolean.class;
        }

        boolean applyDefault() {
            if (required) {
                return false;
            }
            return defaultValue.equals(DirectRunIndex.NO_DEFAULT) || set(List.of(defaultValue));
        }

        boolean setPositional(List<String> values) {
            boolean many = field.getType() == List.class;
            if (!many) {
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
                if (field.getType() == List.class) {
                    List<Object> list = new ArrayList<>();
                    for (String value : values) {
                        list.add(convert(elementType(), value));
                    }
                    converted = list;
                } else {
                    converted = convert(field.getType(), values.getFirst());
                }
                if (converted == null) {
                    return false;
                }
                field.set(target, converted);
                return true;
            } catch (ReflectiveOperationException | IllegalArgumentException | ArithmeticException e) {
                return false;
            }
        }

        private Class<?> elementType() {
            return field.getGenericType() instanceof ParameterizedType list
                    && list.getActualTypeArguments()[0] instanceof Class<?> element ? element : Object.class;
        }

        private static Object convert(Class<?> type, String value) {
            if (type == String.class) {
                return value;
            }
            if (type == Path.class) {
                return Path.of(value);
            }
            if (type == boolean.class || type == Boolean.class) {
                return Boolean.valueOf(value);
            }
            // Only plain decimals: picocli reads "010" and "0x10" its own way, so it gets those.
            if ((type == long.class || type == int.class) && PLAIN_DECIMAL.matcher(value).matches()) {
                long number = Long.parseLong(value);
                return type == long.class ? (Object) number : (Object) Math.toIntExact(number);
            }
            return null;
        }
    }
}
