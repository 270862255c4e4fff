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
import java.util.function.Supplier;
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
 * Writes the options of every command that {@link DirectRun} may bind without picocli, read from
 * their picocli annotations, into the generated class {@link DirectRunOptions}: reading those
 * annotations at run time cost a boot-time command ~45 ms (the annotation proxies are classes
 * generated on the spot, which no start-up cache holds, and picocli's own classes are too old a
 * class-file version for the cache). A command whose parameters are not all plain (see
 * {@link #plain(Option)}) is left out, so picocli parses it. A class and not a resource, because
 * reading a resource opens the boot jar (its 9,000-entry index costs ~35 ms), where a class comes
 * from the start-up cache. {@code DirectRunIndexTest} fails when {@code DirectRunOptions.java}
 * differs from what this class writes now, and rewrites it when run with {@code -Dcustody.writeIndex=true}.
 *
 * <p>The index, one string per command and one per parameter, tab-separated:
 * <pre>
 * command     CLASS        SUBCOMMANDS(true|false)
 * option      PATH         --NAME[,--NAME...]  REQUIRED(true|false)  DEFAULT
 * positional  PATH         ARITY               DEFAULT
 * </pre>
 * PATH leads from the command to the field through its mixins: {@code CLASS#field} steps joined by
 * {@code /}. DEFAULT is picocli's {@code __no_default_value__} when there is none.
 */
final class DirectRunIndex {
    static final String NO_DEFAULT = "__no_default_value__";

    private final List<String> lines = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private boolean positional;

    private DirectRunIndex() {}

    /** The index of every command. */
    static List<String> lines() {
        List<String> index = new ArrayList<>();
        for (Object command : leafCommands(Subcommands.top())) {
            index.addAll(of(command).orElse(List.of()));
        }
        return index;
    }

    /** The source of {@link DirectRunOptions} holding {@link #lines()}. */
    static String source() {
        StringBuilder source = new StringBuilder("""
                package dev.custody.cli;

                /** Written by DirectRunIndex from the commands' picocli annotations (DirectRunIndexTest); do not edit. */
                final class DirectRunOptions {
                    private DirectRunOptions() {}

                    static final String[] INDEX = {
                """);
        for (String line : lines()) {
            source.append("        \"").append(line.replace("\\", "\\\\").replace("\"", "\\\"").replace("\t", "\\t"))
                    .append("\",\n");
        }
        return source.append("    };\n}\n").toString();
    }

    /** The index lines of one command, or empty when picocli must parse its command lines. */
    static Optional<List<String>> of(Object command) {
        DirectRunIndex index = new DirectRunIndex();
        Command declared = command.getClass().getAnnotation(Command.class);
        if (!(command instanceof Callable<?> || command instanceof Runnable) || command instanceof IExitCodeGenerator
                || declared == null) {
            return Optional.empty();
        }
        index.lines.add(String.join("\t", "command", command.getClass().getName(),
                String.valueOf(declared.subcommands().length > 0)));
        return index.collect(command, "", new HashSet<>()) ? Optional.of(index.lines) : Optional.empty();
    }

    private boolean collect(Object target, String path, Set<Class<?>> seen) {
        for (Class<?> type = target.getClass(); type != Object.class; type = type.getSuperclass()) {
            if (!seen.add(type) || annotatedMethods(type)) {
                return false;
            }
            for (Field field : type.getDeclaredFields()) {
                if (!collect(target, field, path + type.getName() + "#" + field.getName(), seen)) {
                    return false;
                }
            }
        }
        return true;
    }

    private boolean collect(Object target, Field field, String path, Set<Class<?>> seen) {
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
        if (mixin != null) {
            return DirectRun.mixin(target, field).map(value -> collect(value, path + "/", seen)).orElse(false);
        }
        if (option != null) {
            return plain(option) && option(path, option);
        }
        if (positional || !plain(parameters)) {
            return false;
        }
        positional = true;
        return add("positional", path, parameters.arity(), parameters.defaultValue());
    }

    private boolean option(String path, Option option) {
        for (String name : option.names()) {
            if (!name.startsWith("--") || !names.add(name)) {
                return false;
            }
        }
        return add("option", path, String.join(",", option.names()), String.valueOf(option.required()), option.defaultValue());
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

    /** Every command that is not a group, made the way a command line makes it. */
    static List<Object> leafCommands(Iterable<Supplier<Object>> level) {
        List<Object> leaves = new ArrayList<>();
        for (Supplier<Object> named : level) {
            Object command = named.get();
            if (command instanceof CommandGroup group) {
                leaves.addAll(leafCommands(group.subcommands().values()));
            } else {
                leaves.add(command);
            }
        }
        return leaves;
    }
}
