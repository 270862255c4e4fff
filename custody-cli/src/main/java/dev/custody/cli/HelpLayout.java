package dev.custody.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.ColorScheme;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Help text is written in the sources as short lines so that it reads well there. picocli prints
 * every such line as a line of its own and wraps it again at 80 columns, so sentences broke twice
 * and the one-line summaries in command lists stopped mid-sentence. Here the lines are joined into
 * paragraphs before printing, and each command's first line becomes its first sentence.
 *
 * <p>A line that starts with white space or a bullet ({@code -}, {@code *}) keeps its own line:
 * those are tables and lists laid out by hand.
 */
final class HelpLayout {
    /** picocli's default usage width. */
    private static final int WIDTH = 80;

    private HelpLayout() {}

    /** Reflows the descriptions of {@code cli} and every command below it. */
    static void apply(CommandLine cli) {
        cli.setHelpFactory(ReflowingHelp::new);
        CommandSpec spec = cli.getCommandSpec();
        spec.usageMessage().description(summaryFirst(paragraphs(spec.usageMessage().description())).stream()
                .flatMap(paragraph -> laidOutByHand(paragraph) ? hangingIndent(paragraph).stream() : java.util.stream.Stream.of(paragraph))
                .toArray(String[]::new));
        cli.getSubcommands().values().forEach(HelpLayout::apply);
    }

    static String[] paragraphs(String[] lines) {
        List<String> paragraphs = new ArrayList<>();
        StringBuilder current = null;
        for (String line : lines) {
            boolean startsAnew = current == null || current.isEmpty() || line.isBlank() || laidOutByHand(line)
                    || laidOutByHand(current.toString());
            if (startsAnew) {
                if (current != null) {
                    paragraphs.add(current.toString());
                }
                current = new StringBuilder(line);
            } else {
                current.append(' ').append(line.strip());
            }
        }
        if (current != null) {
            paragraphs.add(current.toString());
        }
        return paragraphs.toArray(String[]::new);
    }

    /** The first sentence on a line of its own, so that command lists show a whole sentence. */
    static List<String> summaryFirst(String[] paragraphs) {
        if (paragraphs.length == 0 || laidOutByHand(paragraphs[0])) {
            return List.of(paragraphs);
        }
        String first = paragraphs[0];
        int end = firstSentenceEnd(first);
        if (end == first.length()) {
            return List.of(paragraphs);
        }
        List<String> out = new ArrayList<>();
        out.add(first.substring(0, end));
        out.add(first.substring(end).strip());
        out.addAll(List.of(paragraphs).subList(1, paragraphs.length));
        return out;
    }

    /**
     * A hand-laid line longer than the help's width, wrapped so that its continuation lines start
     * under its text column ("  key      text") rather than at the left margin.
     */
    static List<String> hangingIndent(String line) {
        if (line.length() <= WIDTH) {
            return List.of(line);
        }
        java.util.regex.Matcher column = java.util.regex.Pattern.compile("^\\s*\\S+(?: \\S+)*\\s{2,}").matcher(line);
        int hang = column.find() ? column.end() : line.length() - line.stripLeading().length() + 2;
        String indent = " ".repeat(Math.min(hang, WIDTH / 2));
        List<String> lines = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String word : line.substring(hang).split(" ")) {
            if (current.isEmpty()) {
                current.append(lines.isEmpty() ? line.substring(0, hang) : indent).append(word);
            } else if (current.length() + 1 + word.length() > WIDTH) {
                lines.add(current.toString());
                current = new StringBuilder(indent).append(word);
            } else {
                current.append(' ').append(word);
            }
        }
        lines.add(current.toString());
        return lines;
    }

    /** Index just after the first sentence's full stop. Abbreviations such as "e.g." do not end one. */
    private static int firstSentenceEnd(String text) {
        for (int i = 0; i + 1 < text.length(); i++) {
            char c = text.charAt(i);
            if ((c == '.' || c == '!' || c == '?') && text.charAt(i + 1) == ' ' && !abbreviation(text, i)) {
                return i + 1;
            }
        }
        return text.length();
    }

    private static boolean abbreviation(String text, int dot) {
        String before = text.substring(Math.max(0, dot - 4), dot + 1);
        return before.endsWith("e.g.") || before.endsWith("i.e.") || before.endsWith("etc.") || before.endsWith("vs.");
    }

    private static boolean laidOutByHand(String line) {
        return !line.isEmpty() && (Character.isWhitespace(line.charAt(0)) || line.startsWith("- ") || line.startsWith("* "));
    }

    /** Reflows option and parameter descriptions at rendering time; the parsed model is left alone. */
    private static final class ReflowingHelp extends Help {
        ReflowingHelp(CommandSpec spec, ColorScheme scheme) {
            super(spec, scheme);
        }

        // A one-line description is passed on as it is: copying a spec loses the interpolated names
        // of picocli's own --help and --version options.
        @Override
        public IOptionRenderer createDefaultOptionRenderer() {
            IOptionRenderer plain = super.createDefaultOptionRenderer();
            return (option, labels, scheme) -> plain.render(option.description().length < 2 ? option
                    : OptionSpec.builder(option).description(paragraphs(option.description())).build(), labels, scheme);
        }

        @Override
        public IParameterRenderer createDefaultParameterRenderer() {
            IParameterRenderer plain = super.createDefaultParameterRenderer();
            return (parameter, labels, scheme) -> plain.render(parameter.description().length < 2 ? parameter
                    : PositionalParamSpec.builder(parameter).description(paragraphs(parameter.description())).build(), labels, scheme);
        }
    }
}
