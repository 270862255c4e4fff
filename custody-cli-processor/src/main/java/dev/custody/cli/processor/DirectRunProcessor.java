package dev.custody.cli.processor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.ElementFilter;
import javax.tools.Diagnostic;

/**
 * Writes, while custody-cli compiles, what {@code DirectRun} needs to bind a command's options
 * without picocli and without reflection, read from the commands' picocli annotations:
 * {@code dev.custody.cli.DirectRunOptions} (the index of options, and a dispatcher) and one
 * {@code DirectRunFields} per package that declares option fields (plain assignments, which only
 * code in that package may make to package-private fields).
 *
 * <p>Why at build time: at run time, picocli's annotations are proxy classes generated on the
 * spot (~45 ms of a boot-time command), and core reflection on fields makes method handles whose
 * lambda forms are generated at run time (~5 ms); no start-up cache holds either. Why generated
 * and not committed: the files repeat one shape per field, which is nobody's to read.
 *
 * <p>The index, one string per command and one per parameter, tab-separated:
 * <pre>
 * command     CLASS        SUBCOMMANDS(true|false)
 * option      PATH         --NAME[,--NAME...]  REQUIRED(true|false)  DEFAULT  TYPE
 * positional  PATH         ARITY               DEFAULT  TYPE
 * </pre>
 * PATH leads from the command to the field through its mixins: {@code CLASS#field} steps (binary
 * class names) joined by {@code /}. DEFAULT is picocli's {@code __no_default_value__} when there is
 * none; TYPE is the field's type as Java writes it. A command any of whose parameters is not plain
 * (see {@link CommandIndex}) is left out, and picocli parses its command lines.
 * {@code DirectRunIndexTest} checks this index against one read from the annotations by reflection.
 */
@SupportedAnnotationTypes("picocli.CommandLine.Command")
public final class DirectRunProcessor extends AbstractProcessor {
    private boolean written;

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        if (written || annotations.isEmpty()) {
            return false;
        }
        written = true;
        Annotations picocli = new Annotations(processingEnv.getElementUtils(), processingEnv.getTypeUtils());
        List<TypeElement> commands = new ArrayList<>(
                ElementFilter.typesIn(round.getElementsAnnotatedWith(annotations.iterator().next())));
        commands.sort(Comparator.comparing(type -> picocli.binaryName(type)));
        List<String> lines = new ArrayList<>();
        Map<String, VariableElement> fields = new TreeMap<>();
        for (TypeElement command : commands) {
            CommandIndex.of(command, picocli).ifPresent(index -> {
                lines.addAll(index.lines());
                fields.putAll(index.fields());
            });
        }
        try {
            write(Sources.options(lines, fields, picocli), "dev.custody.cli.DirectRunOptions", commands);
            for (Map.Entry<String, String> perPackage : Sources.fields(fields, picocli).entrySet()) {
                write(perPackage.getValue(), perPackage.getKey() + ".DirectRunFields", commands);
            }
        } catch (IOException e) {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, "cannot write DirectRun's sources: " + e);
        }
        return false;
    }

    private void write(String source, String name, List<TypeElement> origins) throws IOException {
        try (Writer out = processingEnv.getFiler().createSourceFile(name, origins.toArray(Element[]::new)).openWriter()) {
            out.write(source);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    static boolean isClass(Element element) {
        return element.getKind() == ElementKind.CLASS && !element.getModifiers().contains(Modifier.ABSTRACT);
    }
}
