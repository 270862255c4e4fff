package dev.custody.cli.docs;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Model.CommandSpec;

/**
 * One command's manual page in troff (man(7) macros), made from the same model as its
 * {@code --help}, so that the two cannot drift apart.
 */
record ManPage(String fileName, String troff) {

    /** Pages for {@code root} and every command below it, parents first. */
    static List<ManPage> all(CommandLine root) {
        List<ManPage> pages = new ArrayList<>();
        collect(root, pages);
        return pages;
    }

    private static void collect(CommandLine cli, List<ManPage> pages) {
        pages.add(of(cli));
        cli.getSubcommands().values().forEach(sub -> collect(sub, pages));
    }

    static ManPage of(CommandLine cli) {
        CommandSpec spec = cli.getCommandSpec();
        String name = spec.qualifiedName("-");
        StringBuilder out = new StringBuilder();
        String version = spec.root().version().length > 0 ? spec.root().version()[0] : "";
        out.append(".TH \"").append(name.toUpperCase()).append("\" \"1\" \"\" \"").append(escape(version))
                .append("\" \"Custody Manual\"\n");
        out.append(".SH NAME\n").append(escape(name)).append(" \\- ").append(escape(summary(spec))).append('\n');
        out.append(".SH SYNOPSIS\n.nf\n").append(escape(new Help(spec, Help.defaultColorScheme(Ansi.OFF)).synopsis(0).strip()))
                .append("\n.fi\n");
        description(spec, out);
        positionals(spec, out);
        options(spec, out);
        subcommands(cli, out);
        seeAlso(cli, out);
        return new ManPage(name + ".1", out.toString());
    }

    private static void description(CommandSpec spec, StringBuilder out) {
        String[] paragraphs = spec.usageMessage().description();
        if (paragraphs.length == 0) {
            return;
        }
        out.append(".SH DESCRIPTION\n");
        for (String paragraph : paragraphs) {
            out.append(paragraph.startsWith(" ") ? ".nf\n" + escape(paragraph) + "\n.fi\n" : ".PP\n" + escape(paragraph) + "\n");
        }
    }

    private static void positionals(CommandSpec spec, StringBuilder out) {
        taggedParagraphs(out, "ARGUMENTS", spec.positionalParameters().stream().filter(p -> !p.hidden())
                .map(p -> new Tagged(".I " + escape(p.paramLabel()), p.description())).toList());
    }

    private static void options(CommandSpec spec, StringBuilder out) {
        taggedParagraphs(out, "OPTIONS", spec.options().stream().filter(o -> !o.hidden())
                .map(o -> new Tagged(".B " + escape(String.join(", ", o.names()))
                        + (o.arity().max() > 0 ? " \\fI" + escape(o.paramLabel()) + "\\fR" : ""), o.description()))
                .toList());
    }

    /** One tagged paragraph (.TP) of a section: the term, then its description. */
    private record Tagged(String term, String[] description) {}

    /** A section of tagged paragraphs, left out when it would be empty. */
    private static void taggedParagraphs(StringBuilder out, String title, List<Tagged> paragraphs) {
        if (paragraphs.isEmpty()) {
            return;
        }
        out.append(".SH ").append(title).append('\n');
        for (Tagged paragraph : paragraphs) {
            out.append(".TP\n").append(paragraph.term()).append('\n')
                    .append(escape(String.join(" ", paragraph.description()))).append('\n');
        }
    }

    private static void subcommands(CommandLine cli, StringBuilder out) {
        if (cli.getSubcommands().isEmpty()) {
            return;
        }
        out.append(".SH COMMANDS\n");
        cli.getSubcommands().forEach((name, sub) -> out.append(".TP\n.B ").append(escape(name)).append('\n')
                .append(escape(summary(sub.getCommandSpec()))).append(" See \\fB")
                .append(escape(sub.getCommandSpec().qualifiedName("-"))).append("\\fR(1).\n"));
    }

    private static void seeAlso(CommandLine cli, StringBuilder out) {
        List<String> related = new ArrayList<>();
        CommandLine parent = cli.getParent();
        if (parent != null) {
            related.add(parent.getCommandSpec().qualifiedName("-"));
        }
        cli.getSubcommands().values().forEach(sub -> related.add(sub.getCommandSpec().qualifiedName("-")));
        if (!related.isEmpty()) {
            out.append(".SH SEE ALSO\n").append(String.join(",\n", related.stream().map(r -> "\\fB" + escape(r) + "\\fR(1)").toList()))
                    .append('\n');
        }
    }

    private static String summary(CommandSpec spec) {
        String[] description = spec.usageMessage().description();
        return description.length == 0 ? "" : description[0].strip();
    }

    /** troff reads backslashes, leading dots and apostrophes as requests; hyphens should not break. */
    static String escape(String text) {
        String escaped = text.replace("\\", "\\e").replace("-", "\\-");
        return escaped.lines().map(line -> line.startsWith(".") || line.startsWith("'") ? "\\&" + line : line)
                .reduce((a, b) -> a + "\n" + b).orElse("");
    }
}
