package dev.custody.cli.processor;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.ElementFilter;

/**
 * The index lines of one command, and the fields they set or pass through by step
 * ({@code CLASS#field}). Plain means what DirectRun can bind as picocli would: long option names
 * used once, fields of the types DirectRun converts, no custom arity, split, converter, type,
 * interactive input, negation, help option,
 * inherited scope or fallback value, a literal default, at most one positional parameter, and no
 * argument group, spec, parent command, unmatched list or annotated method.
 */
final class CommandIndex {
    static final String NO_DEFAULT = "__no_default_value__";
    private static final String NULL_VALUE = "_NULL_";
    /**
     * The field types DirectRun converts as picocli does. Any other (an Optional, which picocli sets
     * to empty when the option is absent, an enum, an array) leaves the command to picocli.
     */
    static final Set<String> PLAIN_TYPES = Set.of("java.lang.String", "java.nio.file.Path", "boolean", "java.lang.Boolean",
            "int", "java.lang.Integer", "long", "java.lang.Long", "java.util.List<java.lang.String>",
            "java.util.List<java.nio.file.Path>", "java.util.List<java.lang.Integer>", "java.util.List<java.lang.Long>");

    private final Annotations picocli;
    private final List<String> lines = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private final Map<String, VariableElement> fields = new TreeMap<>();
    private boolean positional;

    private CommandIndex(Annotations picocli) {
        this.picocli = picocli;
    }

    List<String> lines() {
        return lines;
    }

    Map<String, VariableElement> fields() {
        return fields;
    }

    /** The index of {@code command}, or empty when picocli must parse its command lines. */
    static Optional<CommandIndex> of(TypeElement command, Annotations picocli) {
        if (!DirectRunProcessor.isClass(command)
                || !(picocli.isA(command, "java.util.concurrent.Callable") || picocli.isA(command, "java.lang.Runnable"))
                || picocli.isA(command, "picocli.CommandLine.IExitCodeGenerator")) {
            return Optional.empty();
        }
        CommandIndex index = new CommandIndex(picocli);
        boolean subcommands = !picocli.on(command, Annotations.COMMAND).orElseThrow().list("subcommands").isEmpty();
        index.lines.add(String.join("\t", "command", picocli.binaryName(command), String.valueOf(subcommands)));
        return index.collect(command, "", new HashSet<>()) ? Optional.of(index) : Optional.empty();
    }

    private boolean collect(TypeElement target, String path, Set<String> seen) {
        for (Optional<TypeElement> type = Optional.of(target); type.isPresent(); type = picocli.superclass(type.get())) {
            if (!seen.add(picocli.binaryName(type.get())) || annotatedMethods(type.get())) {
                return false;
            }
            for (VariableElement field : ElementFilter.fieldsIn(type.get().getEnclosedElements())) {
                String step = picocli.binaryName(type.get()) + "#" + field.getSimpleName();
                if (!collect(field, step, path + step, seen)) {
                    return false;
                }
            }
        }
        return true;
    }

    private boolean collect(VariableElement field, String step, String path, Set<String> seen) {
        for (String notPlain : Annotations.NOT_PLAIN) {
            if (picocli.has(field, notPlain)) {
                return false;
            }
        }
        boolean mixin = picocli.has(field, Annotations.MIXIN);
        Optional<Annotations.Values> option = picocli.on(field, Annotations.OPTION);
        Optional<Annotations.Values> parameters = picocli.on(field, Annotations.PARAMETERS);
        if (!mixin && option.isEmpty() && parameters.isEmpty()) {
            return true;
        }
        if (!assignable(field)) {
            return false;
        }
        fields.put(step, field);
        if (mixin) {
            Optional<TypeElement> type = picocli.typeOf(field);
            return type.isPresent() && constructible(field, type.get()) && collect(type.get(), path + "/", seen);
        }
        String type = field.asType().toString();
        if (!PLAIN_TYPES.contains(type)) {
            return false;
        }
        if (option.isPresent()) {
            return plainOption(option.get()) && option(path, option.get(), type);
        }
        Annotations.Values p = parameters.get();
        if (positional || !plainParameters(p)) {
            return false;
        }
        positional = true;
        return add("positional", path, p.string("arity"), p.string("defaultValue"), type);
    }

    private boolean option(String path, Annotations.Values option, String type) {
        List<String> optionNames = option.list("names");
        for (String name : optionNames) {
            if (!name.startsWith("--") || !names.add(name)) {
                return false;
            }
        }
        return add("option", path, String.join(",", optionNames), String.valueOf(option.bool("required")),
                option.string("defaultValue"), type);
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

    /** A field the generated DirectRunFields of its package can assign: not private, static or final, in a class it can name. */
    private static boolean assignable(VariableElement field) {
        Set<Modifier> modifiers = field.getModifiers();
        return !modifiers.contains(Modifier.STATIC) && !modifiers.contains(Modifier.FINAL)
                && !modifiers.contains(Modifier.PRIVATE) && nameable(field.getEnclosingElement());
    }

    private static boolean nameable(Element type) {
        for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
            if (e.getModifiers().contains(Modifier.PRIVATE) || e.getKind() != ElementKind.CLASS
                    && e.getKind() != ElementKind.RECORD) {
                return false;
            }
        }
        return true;
    }

    /** A mixin type whose no-argument constructor the generated code, in {@code field}'s package, can call. */
    private boolean constructible(VariableElement field, TypeElement type) {
        boolean samePackage = picocli.packageOf(type).equals(picocli.packageOf(field));
        if (!DirectRunProcessor.isClass(type)) {
            return false;
        }
        for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
            Set<Modifier> modifiers = e.getModifiers();
            boolean innerClass = e.getEnclosingElement() instanceof TypeElement && !modifiers.contains(Modifier.STATIC);
            if (modifiers.contains(Modifier.PRIVATE) || !samePackage && !modifiers.contains(Modifier.PUBLIC) || innerClass) {
                return false;
            }
        }
        for (ExecutableElement constructor : ElementFilter.constructorsIn(type.getEnclosedElements())) {
            Set<Modifier> modifiers = constructor.getModifiers();
            if (constructor.getParameters().isEmpty()) {
                return !modifiers.contains(Modifier.PRIVATE) && (samePackage || modifiers.contains(Modifier.PUBLIC));
            }
        }
        return false;
    }

    private boolean annotatedMethods(TypeElement type) {
        for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
            if (picocli.has(method, Annotations.OPTION) || picocli.has(method, Annotations.PARAMETERS)
                    || picocli.has(method, Annotations.MIXIN) || picocli.has(method, "picocli.CommandLine.Spec")) {
                return true;
            }
        }
        return false;
    }

    private static boolean plainOption(Annotations.Values o) {
        return o.string("arity").isEmpty() && o.string("split").isEmpty() && o.list("converter").isEmpty()
                && o.list("type").isEmpty() && !o.bool("interactive") && !o.bool("negatable") && !o.bool("usageHelp")
                && !o.bool("versionHelp") && !o.bool("help") && o.constant("scope").equals("LOCAL")
                && o.string("fallbackValue").isEmpty() && literal(o.string("defaultValue"));
    }

    private static boolean plainParameters(Annotations.Values p) {
        String arity = p.string("arity");
        return p.string("index").isEmpty() && p.string("split").isEmpty() && p.list("converter").isEmpty()
                && p.list("type").isEmpty() && !p.bool("interactive") && literal(p.string("defaultValue"))
                && (arity.isEmpty() || arity.equals("1") || arity.equals("0..*") || arity.equals("1..*"));
    }

    private static boolean literal(String defaultValue) {
        return defaultValue.equals(NO_DEFAULT) || !defaultValue.contains("$") && !defaultValue.equals(NULL_VALUE);
    }
}
