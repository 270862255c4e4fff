package dev.custody.cli;

import java.io.PrintWriter;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExitCodeGenerator;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * Runs a command line that names a command and uses its options plainly, without building
 * picocli's model: at every boot, {@code custody totp} spent more CPU in picocli (reflection,
 * annotation proxies, 170 classes the start-up cache cannot hold) than in talking to the TPM.
 * <p>
 * It only ever takes the plain case: options the command declares (each at most once, given as
 * {@code --name value}, {@code --name=value} or a flag), positional parameters, values of type
 * String, Path or boolean, {@code --debug} first or after the command's name. Anything else (help, an unknown or repeated option,
 * a missing value, a value that does not convert, {@code @files}, {@code --}, argument groups,
 * {@code @Spec}, a required option left out) returns empty, and picocli parses the same command
 * line: every help text, usage error and exit code stays picocli's. A failure of the command
 * itself is reported exactly as {@link UserFacingErrors} reports it under picocli.
 */
final class DirectRun {
    private static final String NO_DEFAULT = "__no_default_value__";
    private static final String DEBUG = "--debug";

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
        DirectRun binder = new DirectRun();
        return binder.bindable(command) && binder.bind(leaf.get().rest()) ? Optional.of(command) : Optional.empty();
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

    /** Whether every parameter of the command is one this class binds exactly as picocli would. */
    private boolean bindable(Object command) {
        Class<?> type = command.getClass();
        if (!(command instanceof Callable<?> || command instanceof Runnable) || command instanceof IExitCodeGenerator) {
            return false;
        }
        Command declared = type.getAnnotation(Command.class);
        if (declared == null) {
            return false;
        }
        hasSubcommands = declared.subcommands().length > 0;
        return collect(command, new HashSet<>());
    }

    private boolean collect(Object target, Set<Class<?>> seen) {
        for (Class<?> type = target.getClass(); type != Object.class; type = type.getSuperclass()) {
            if (!seen.add(type) || annotatedMethods(type)) {
                return false;
            }
            for (Field field : type.getDeclaredFields()) {
                if (!collect(target, field, seen)) {
                    return false;
                }
            }
        }
        return true;
    }

    private boolean collect(Object target, Field field, Set<Class<?>> seen) {
        if (field.isAnnotationPresent(Spec.class) || field.isAnnotationPresent(ArgGroup.class)
                || field.isAnnotationPresent(ParentCommand.class) || field.isAnnotationPresent(Unmatched.class)) {
            return false;
        }
        Mixin mixin = field.getAnnotation(Mixin.class);
        Option option = field.getAnnotation(Option.class);
        Parameters parameters = field.getAnnotation(Parameters.class);
        if (mixin == null && option == null && parameters == null) {
            return true;
        }
        if (Modifier.isStatic(field.getModifiers()) || Modifier.isFinal(field.getModifiers())) {
            return false;
        }
        field.setAccessible(true);
        if (mixin != null) {
            return mixin(target, field, seen);
        }
        if (option != null) {
            return plain(option) && option(new Binding(target, field, option.defaultValue(), option.required(), ""));
        }
        if (positional != null || !plain(parameters)) {
            return false;
        }
        positional = new Binding(target, field, parameters.defaultValue(), false, parameters.arity());
        return true;
    }

    private boolean mixin(Object target, Field field, Set<Class<?>> seen) {
        try {
            Object value = field.get(target);
            if (value == null) {
                var constructor = field.getType().getDeclaredConstructor();
                constructor.setAccessible(true);
                value = constructor.newInstance();
                field.set(target, value);
            }
            return collect(value, seen);
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    private boolean option(Binding binding) {
        for (String name : ((Option) binding.field.getAnnotation(Option.class)).names()) {
            if (!name.startsWith("--") || options.put(name, binding) != null) {
                return false;
            }
        }
        return true;
    }

    private static boolean annotatedMethods(Class<?> type) {
        for (Method method : type.getDeclaredMethods()) {
            if (method.isAnnotationPresent(Option.class) || method.isAnnotationPresent(Parameters.class)
                    || method.isAnnotationPresent(Mixin.class) || method.isAnnotationPresent(Spec.class)) {
                return true;
            }
        }
        return false;
    }

    private static boolean plain(Option o) {
        return o.arity().isEmpty() && o.split().isEmpty() && o.converter().length == 0 && o.type().length == 0
                && !o.interactive() && !o.negatable() && !o.usageHelp() && !o.versionHelp() && !o.help()
                && o.scope() == ScopeType.LOCAL && o.fallbackValue().isEmpty() && literal(o.defaultValue());
    }

    private static boolean plain(Parameters p) {
        return p.index().isEmpty() && p.split().isEmpty() && p.converter().length == 0 && p.type().length == 0
                && !p.interactive() && literal(p.defaultValue())
                && (p.arity().isEmpty() || p.arity().equals("1") || p.arity().equals("0..*") || p.arity().equals("1..*"));
    }

    private static boolean literal(String defaultValue) {
        return defaultValue.equals(NO_DEFAULT) || !defaultValue.contains("$") && !defaultValue.equals(Option.NULL_VALUE);
    }

    /** Sets the fields from {@code rest}; false, with nothing run yet, when picocli must judge it. */
    private boolean bind(List<String> rest) {
        Set<Binding> given = new HashSet<>();
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

    /** One annotated field of the command or of one of its mixins. */
    private static final java.util.regex.Pattern PLAIN_DECIMAL = java.util.regex.Pattern.compile("0|[1-9][0-9]{0,17}");

    private record Binding(Object target, Field field, String defaultValue, boolean required, String arity) {
        boolean flag() {
            return field.getType() == boolean.class || field.getType() == Boolean.class;
        }

        boolean applyDefault() {
            if (required) {
                return false;
            }
            return defaultValue.equals(NO_DEFAULT) || set(List.of(defaultValue));
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
