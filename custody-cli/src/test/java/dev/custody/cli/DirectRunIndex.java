package dev.custody.cli;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
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
 * The index custody-cli-processor's DirectRunProcessor writes into {@code DirectRunOptions} at build
 * time, read here a second way: from the commands' picocli annotations by reflection, on the
 * command objects the command tree makes ({@code DirectRunIndexTest} compares the two). Its
 * format is described on the processor.
 */
final class DirectRunIndex {
    static final String NO_DEFAULT = "__no_default_value__";
    private static final Set<String> PLAIN_TYPES = Set.of("java.lang.String", "java.nio.file.Path", "boolean",
            "java.lang.Boolean", "int", "java.lang.Integer", "long", "java.lang.Long", "java.util.List<java.lang.String>",
            "java.util.List<java.nio.file.Path>", "java.util.List<java.lang.Integer>", "java.util.List<java.lang.Long>");

    private final List<String> lines = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private boolean positional;

    private DirectRunIndex() {}

    /** The index of every command the command tree reaches. */
    static List<String> lines() {
        List<String> index = new ArrayList<>();
        for (Object command : Subcommands.leaves()) {
            of(command).ifPresent(found -> index.addAll(found.lines));
        }
        return index;
    }

    /** The index of one command, or empty when picocli must parse its command lines. */
    private static Optional<DirectRunIndex> of(Object command) {
        DirectRunIndex index = new DirectRunIndex();
        Command declared = command.getClass().getAnnotation(Command.class);
        if (!(command instanceof Callable<?> || command instanceof Runnable) || command instanceof IExitCodeGenerator
                || declared == null) {
            return Optional.empty();
        }
        index.lines.add(String.join("\t", "command", command.getClass().getName(),
                String.valueOf(declared.subcommands().length > 0)));
        return index.collect(command, "", new HashSet<>()) ? Optional.of(index) : Optional.empty();
    }

    private boolean collect(Object target, String path, Set<Class<?>> seen) {
        for (Class<?> type = target.getClass(); type != Object.class; type = type.getSuperclass()) {
            if (!seen.add(type) || annotatedMethods(type)) {
                return false;
            }
            for (Field field : type.getDeclaredFields()) {
                String step = type.getName() + "#" + field.getName();
                if (!collect(target, field, step, path + step, seen)) {
                    return false;
                }
            }
        }
        return true;
    }

    private boolean collect(Object target, Field field, String step, String path, Set<Class<?>> seen) {
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
        if (!assignable(field)) {
            return false;
        }
        if (mixin != null) {
            return constructible(field) && mixin(target, field).map(value -> collect(value, path + "/", seen)).orElse(false);
        }
        String type = field.getGenericType() instanceof Class<?> plain ? plain.getCanonicalName() : field.getGenericType().getTypeName();
        if (!PLAIN_TYPES.contains(type)) {
            return false;
        }
        if (option != null) {
            return plain(option) && option(path, option, type);
        }
        if (positional || !plain(parameters)) {
            return false;
        }
        positional = true;
        return add("positional", path, parameters.arity(), parameters.defaultValue(), type);
    }

    /** A field the generated DirectRunFields of its package can assign: not private, static or final, in a class it can name. */
    private static boolean assignable(Field field) {
        int modifiers = field.getModifiers();
        return !Modifier.isStatic(modifiers) && !Modifier.isFinal(modifiers) && !Modifier.isPrivate(modifiers)
                && nameable(field.getDeclaringClass()) && field.getDeclaringClass().getCanonicalName() != null;
    }

    private static boolean nameable(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            if (Modifier.isPrivate(c.getModifiers())) {
                return false;
            }
        }
        return true;
    }

    /** A mixin type whose no-argument constructor the generated code, in {@code field}'s package, can call. */
    private static boolean constructible(Field field) {
        Class<?> type = field.getType();
        boolean samePackage = type.getPackageName().equals(field.getDeclaringClass().getPackageName());
        try {
            int constructor = type.getDeclaredConstructor().getModifiers();
            for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
                if (Modifier.isPrivate(c.getModifiers()) || !samePackage && !Modifier.isPublic(c.getModifiers())
                        || c != type.getNestHost() && !Modifier.isStatic(c.getModifiers())) {
                    return false;
                }
            }
            return !Modifier.isPrivate(constructor) && (samePackage || Modifier.isPublic(constructor));
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /** The mixin {@code field} of {@code target}, made with its no-argument constructor when it is null, as picocli does. */
    private static Optional<Object> mixin(Object target, Field field) {
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

    private boolean option(String path, Option option, String type) {
        for (String name : option.names()) {
            if (!name.startsWith("--") || !names.add(name)) {
                return false;
            }
        }
        return add("option", path, String.join(",", option.names()), String.valueOf(option.required()), option.defaultValue(), type);
    }

    /** False for a value the index cannot hold; picocli then parses the command. */
    private boolean add(String... words) {
        for (String word : words) {
            if (word.contains("\t") || word.contains("\n") || word.contains("\r")) {
                return false;
            }
        }
        lines.add(String.join("\t", words));
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
}
