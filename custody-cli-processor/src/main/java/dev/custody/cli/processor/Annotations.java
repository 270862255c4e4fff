package dev.custody.cli.processor;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/** picocli's annotations and the few types the index asks about, read by name: picocli itself is not loaded. */
final class Annotations {
    static final String COMMAND = "picocli.CommandLine.Command";
    static final String OPTION = "picocli.CommandLine.Option";
    static final String PARAMETERS = "picocli.CommandLine.Parameters";
    static final String MIXIN = "picocli.CommandLine.Mixin";
    static final List<String> NOT_PLAIN = List.of("picocli.CommandLine.Spec", "picocli.CommandLine.ArgGroup",
            "picocli.CommandLine.ParentCommand", "picocli.CommandLine.Unmatched");

    private final Elements elements;
    private final Types types;

    Annotations(Elements elements, Types types) {
        this.elements = elements;
        this.types = types;
    }

    /** The annotation {@code name} on {@code element}, each attribute by its name, defaults included. */
    Optional<Values> on(Element element, String name) {
        for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
            if (((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().contentEquals(name)) {
                return Optional.of(new Values(elements.getElementValuesWithDefaults(mirror)));
            }
        }
        return Optional.empty();
    }

    boolean has(Element element, String name) {
        return on(element, name).isPresent();
    }

    /** Whether {@code type} is, extends or implements the class or interface {@code name} (if it exists). */
    boolean isA(TypeElement type, String name) {
        TypeElement other = elements.getTypeElement(name);
        return other != null && types.isAssignable(types.erasure(type.asType()), types.erasure(other.asType()));
    }

    String binaryName(TypeElement type) {
        return elements.getBinaryName(type).toString();
    }

    String packageOf(Element element) {
        return elements.getPackageOf(element).getQualifiedName().toString();
    }

    Optional<TypeElement> typeOf(VariableElement field) {
        return types.asElement(field.asType()) instanceof TypeElement type ? Optional.of(type) : Optional.empty();
    }

    Optional<TypeElement> superclass(TypeElement type) {
        TypeMirror parent = type.getSuperclass();
        return types.asElement(parent) instanceof TypeElement element && !element.getQualifiedName().contentEquals("java.lang.Object")
                ? Optional.of(element) : Optional.empty();
    }

    /** One annotation's attributes. */
    record Values(Map<? extends ExecutableElement, ? extends AnnotationValue> values) {
        private Object get(String attribute) {
            for (var entry : values.entrySet()) {
                if (entry.getKey().getSimpleName().contentEquals(attribute)) {
                    return entry.getValue().getValue();
                }
            }
            throw new IllegalArgumentException("picocli has no attribute " + attribute);
        }

        String string(String attribute) {
            return (String) get(attribute);
        }

        boolean bool(String attribute) {
            return (Boolean) get(attribute);
        }

        /** The elements of an array attribute, as strings (names) or class names. */
        List<String> list(String attribute) {
            return ((List<?>) get(attribute)).stream().map(value -> String.valueOf(((AnnotationValue) value).getValue())).toList();
        }

        /** An enum attribute's constant name. */
        String constant(String attribute) {
            return ((VariableElement) get(attribute)).getSimpleName().toString();
        }
    }
}
