package dev.custody.cli.processor;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;

/** The Java sources of DirectRunOptions and of each package's DirectRunFields. */
final class Sources {
    private static final String HEADER = "/** Written by custody-cli-processor's DirectRunProcessor from the commands' picocli annotations. */\n";

    private Sources() {}

    static String options(List<String> lines, Map<String, VariableElement> fields, Annotations picocli) {
        Set<String> packages = new TreeSet<>();
        fields.values().forEach(field -> packages.add(picocli.packageOf(field)));
        StringBuilder source = new StringBuilder("package dev.custody.cli;\n\n").append(HEADER)
                .append("final class DirectRunOptions {\n    private DirectRunOptions() {}\n\n    static final String[] INDEX = {\n");
        for (String line : lines) {
            source.append("        ").append(javaString(line)).append(",\n");
        }
        source.append("    };\n\n")
                .append("    /** The mixin at {@code step} (\"CLASS#field\") of {@code target}, made first when it is null, as picocli does. */\n")
                .append("    static Object mixin(String step, Object target) {\n        return switch (step.substring(0, step.lastIndexOf('.'))) {\n");
        packages.forEach(pkg -> source.append("            case ").append(javaString(pkg)).append(" -> ").append(pkg)
                .append(".DirectRunFields.mixin(step, target);\n"));
        source.append("            default -> throw new IllegalArgumentException(\"DirectRun binds no field \" + step);\n        };\n    }\n\n")
                .append("    /** Sets the option or parameter at {@code step} of {@code target} to {@code value}, of the field's type. */\n")
                .append("    static void set(String step, Object target, Object value) {\n        switch (step.substring(0, step.lastIndexOf('.'))) {\n");
        packages.forEach(pkg -> source.append("            case ").append(javaString(pkg)).append(" -> ").append(pkg)
                .append(".DirectRunFields.set(step, target, value);\n"));
        return source.append("            default -> throw new IllegalArgumentException(\"DirectRun binds no field \" + step);\n        }\n    }\n}\n")
                .toString();
    }

    /** Each package's DirectRunFields source, by package. */
    static Map<String, String> fields(Map<String, VariableElement> fields, Annotations picocli) {
        Map<String, StringBuilder> mixins = new TreeMap<>();
        Map<String, StringBuilder> setters = new TreeMap<>();
        fields.forEach((step, field) -> {
            String pkg = picocli.packageOf(field);
            String owner = ((TypeElement) field.getEnclosingElement()).getQualifiedName().toString();
            String name = field.getSimpleName().toString();
            mixins.computeIfAbsent(pkg, p -> new StringBuilder());
            setters.computeIfAbsent(pkg, p -> new StringBuilder());
            if (picocli.has(field, Annotations.MIXIN)) {
                mixins.get(pkg).append("            case ").append(javaString(step)).append(" -> {\n")
                        .append("                var owner = (").append(owner).append(") target;\n")
                        .append("                return owner.").append(name).append(" != null ? owner.").append(name)
                        .append(" : (owner.").append(name).append(" = new ").append(field.asType()).append("());\n")
                        .append("            }\n");
            } else {
                setters.get(pkg).append("            case ").append(javaString(step)).append(" -> ((").append(owner)
                        .append(") target).").append(name).append(" = (").append(boxed(field)).append(") value;\n");
            }
        });
        Map<String, String> sources = new TreeMap<>();
        mixins.forEach((pkg, mixinCases) -> sources.put(pkg, "package " + pkg + ";\n\n" + HEADER
                + "public final class DirectRunFields {\n    private DirectRunFields() {}\n\n"
                + "    public static Object mixin(String step, Object target) {\n        switch (step) {\n" + mixinCases
                + "            default -> throw new IllegalArgumentException(\"DirectRun binds no mixin \" + step);\n        }\n    }\n\n"
                + "    @SuppressWarnings(\"unchecked\")\n"
                + "    public static void set(String step, Object target, Object value) {\n        switch (step) {\n" + setters.get(pkg)
                + "            default -> throw new IllegalArgumentException(\"DirectRun binds no option \" + step);\n        }\n    }\n}\n"));
        return sources;
    }

    /** The field's type as a cast to it writes it, primitives boxed (unboxed on assignment). */
    private static String boxed(VariableElement field) {
        TypeKind kind = field.asType().getKind();
        return switch (kind) {
            case BOOLEAN -> "java.lang.Boolean";
            case INT -> "java.lang.Integer";
            case LONG -> "java.lang.Long";
            case BYTE -> "java.lang.Byte";
            case SHORT -> "java.lang.Short";
            case CHAR -> "java.lang.Character";
            case FLOAT -> "java.lang.Float";
            case DOUBLE -> "java.lang.Double";
            default -> field.asType().toString();
        };
    }

    private static String javaString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\t", "\\t") + "\"";
    }
}
