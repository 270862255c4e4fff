package dev.custody.cli;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
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
 * their picocli annotations, into the generated class {@link DirectRunOptions}, and the code that sets
 * those fields into one generated class {@code DirectRunFields} per package that declares them: reading those
 * annotations at run time cost a boot-time command ~45 ms (the annotation proxies are classes
 * generated on the spot, which no start-up cache holds, and picocli's own classes are too old a
 * class-file version for the cache). A command whose parameters are not all plain (see
 * {@link #plain(Option)}) is left out, so picocli parses it. A class and not a resource, because
 * reading a resource opens the boot jar (its 9,000-entry index costs ~35 ms), where a class comes
 * from the start-up cache. Plain assignments and not {@code Field.set}: core reflection on fields
 * makes method handles whose lambda forms are generated at run time, ~5 ms of every boot-time
 * command that no cache holds. {@code DirectRunIndexTest} fails when a generated file differs from
 * what this class writes now, and rewrites them when run with {@code -Dcustody.writeIndex=true}.
 *
 * <p>The index, one string per command and one per parameter, tab-separated:
 * <pre>
 * command     CLASS        SUBCOMMANDS(true|false)
 * option      PATH         --NAME[,--NAME...]  REQUIRED(true|false)  DEFAULT  TYPE
 * positional  PATH         ARITY               DEFAULT  TYPE
 * </pre>
 * PATH leads from the command to the field through its mixins: {@code CLASS#field} steps joined by
 * {@code /}. DEFAULT is picocli's {@code __no_default_value__} when there is none. TYPE is the
 * field's type as Java writes it ({@code boolean}, {@code java.nio.file.Path},
 * {@code java.util.List<java.lang.Integer>}).
 */
final class DirectRunIndex {
    static final String NO_DEFAULT = "__no_default_value__";

    private final List<String> lines = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    /** The fields this command's lines set or pass through, by their step ("CLASS#field"). */
    private final Map<String, Field> fields = new TreeMap<>();
    private boolean positional;

    private DirectRunIndex() {}

    private static final Path SOURCES = Path.of("src/main/java");

    /** The index of every command. */
    static List<String> lines() {
        List<String> index = new ArrayList<>();
        for (DirectRunIndex command : commands()) {
            index.addAll(command.lines);
        }
        return index;
    }

    private static List<DirectRunIndex> commands() {
        List<DirectRunIndex> commands = new ArrayList<>();
        for (Object command : leafCommands(Subcommands.top())) {
            of(command).ifPresent(commands::add);
        }
        return commands;
    }

    /** Every file this class writes, by its path below custody-cli: DirectRunOptions and each package's DirectRunFields. */
    static Map<Path, String> sources() {
        Map<String, Field> fields = new TreeMap<>();
        commands().forEach(command -> fields.putAll(command.fields));
        Map<String, Map<String, Field>> byPackage = new TreeMap<>();
        fields.forEach((step, field) ->
                byPackage.computeIfAbsent(field.getDeclaringClass().getPackageName(), p -> new TreeMap<>()).put(step, field));
        Map<Path, String> sources = new TreeMap<>();
        sources.put(fileOf("dev.custody.cli", "DirectRunOptions"), optionsSource(byPackage.keySet()));
        byPackage.forEach((pkg, declared) -> sources.put(fileOf(pkg, "DirectRunFields"), fieldsSource(pkg, declared)));
        return sources;
    }

    /** Where the generated files of earlier runs are: the ones {@link #sources()} no longer writes are stale. */
    static Path sourceRoot() {
        return SOURCES;
    }

    private static Path fileOf(String pkg, String type) {
        return SOURCES.resolve(pkg.replace('.', '/')).resolve(type + ".java");
    }

    private static String optionsSource(Set<String> packages) {
        StringBuilder source = new StringBuilder("""
                package dev.custody.cli;

                /** Written by DirectRunIndex from the commands' picocli annotations (DirectRunIndexTest); do not edit. */
                final class DirectRunOptions {
                    private DirectRunOptions() {}

                    static final String[] INDEX = {
                """);
        for (String line : lines()) {
            source.append("        ").append(javaString(line)).append(",\n");
        }
        source.append("""
                    };

                    /** The mixin at {@code step} ("CLASS#field") of {@code target}, made first when it is null, as picocli does. */
                    static Object mixin(String step, Object target) {
                        return switch (step.substring(0, step.lastIndexOf('.'))) {
                """);
        for (String pkg : packages) {
            source.append("            case ").append(javaString(pkg)).append(" -> ").append(pkg).append(".DirectRunFields.mixin(step, target);\n");
        }
        source.append("""
                            default -> throw new IllegalArgumentException("DirectRun binds no field " + step);
                        };
                    }

                    /** Sets the option or parameter at {@code step} of {@code target} to {@code value}, of the field's type. */
                    static void set(String step, Object target, Object value) {
                        switch (step.substring(0, step.lastIndexOf('.'))) {
                """);
        for (String pkg : packages) {
            source.append("            case ").append(javaString(pkg)).append(" -> ").append(pkg).append(".DirectRunFields.set(step, target, value);\n");
        }
        return source.append("""
                            default -> throw new IllegalArgumentException("DirectRun binds no field " + step);
                        }
                    }
                }
                """).toString();
    }

    private static String fieldsSource(String pkg, Map<String, Field> declared) {
        StringBuilder mixins = new StringBuilder();
        StringBuilder setters = new StringBuilder();
        declared.forEach((step, field) -> {
            String owner = field.getDeclaringClass().getCanonicalName();
            if (field.isAnnotationPresent(Mixin.class)) {
                String type = field.getType().getCanonicalName();
                mixins.append("            case ").append(javaString(step)).append(" -> {\n")
                        .append("                var owner = (").append(owner).append(") target;\n")
                        .append("                return owner.").append(field.getName()).append(" != null ? owner.").append(field.getName())
                        .append(" : (owner.").append(field.getName()).append(" = new ").append(type).append("());\n")
                        .append("            }\n");
            } else {
                setters.append("            case ").append(javaString(step)).append(" -> ((").append(owner).append(") target).")
                        .append(field.getName()).append(" = (").append(boxed(field.getGenericType())).append(") value;\n");
            }
        });
        return "package " + pkg + ";\n\n"
                + "/** Written by dev.custody.cli.DirectRunIndex from the commands' picocli annotations (DirectRunIndexTest); do not edit. */\n"
                + "public final class DirectRunFields {\n"
                + "    private DirectRunFields() {}\n\n"
                + "    public static Object mixin(String step, Object target) {\n"
                + "        switch (step) {\n" + mixins
                + "            default -> throw new IllegalArgumentException(\"DirectRun binds no mixin \" + step);\n"
                + "        }\n"
                + "    }\n\n"
                + (setters.toString().contains("java.util.List<") ? "    @SuppressWarnings(\"unchecked\")\n" : "")
                + "    public static void set(String step, Object target, Object value) {\n"
                + "        switch (step) {\n" + setters
                + "            default -> throw new IllegalArgumentException(\"DirectRun binds no option \" + step);\n"
                + "        }\n"
                + "    }\n"
                + "}\n";
    }

    /** The type as a cast to it writes it, primitives boxed (unboxed on assignment). */
    private static String boxed(Type type) {
        if (type instanceof Class<?> plain) {
            return plain.isPrimitive() ? switch (plain.getName()) {
                case "boolean" -> "java.lang.Boolean";
                case "int" -> "java.lang.Integer";
                case "long" -> "java.lang.Long";
                default -> throw new IllegalArgumentException("DirectRun does not bind " + plain);
            } : plain.getCanonicalName();
        }
        return type.getTypeName();
    }

    private static String javaString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\t", "\\t") + "\"";
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
        fields.put(step, field);
        if (mixin != null) {
            return constructible(field) && mixin(target, field).map(value -> collect(value, path + "/", seen)).orElse(false);
        }
        String type = field.getGenericType().getTypeName();
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
