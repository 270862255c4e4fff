package dev.custody.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;

/** The help of every command reads as text written for people: whole sentences, no ragged lines. */
class HelpTextTest {

    @TestFactory
    Stream<DynamicTest> everyCommandsHelpHasAWholeSentenceAsSummaryAndFitsEightyColumns() {
        return commands(PicocliRun.commandTree()).stream().map(cli -> DynamicTest.dynamicTest(
                cli.getCommandSpec().qualifiedName(), () -> {
                    String[] description = cli.getCommandSpec().usageMessage().description();
                    assertThat(description).as("description").isNotEmpty();
                    assertThat(description[0].strip()).as("summary").matches("(?s)[A-Z].*[.?!)]\"?$")
                            .doesNotContain("\n");
                    CliRun help = CliRun.of(words(cli, "--help"));
                    assertThat(help.exitCode()).isZero();
                    assertThat(help.out().lines()).as("lines of %s --help", cli.getCommandSpec().qualifiedName())
                            .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));
                }));
    }

    @Test
    void aSentenceInTheSourcesIsOneParagraphAndAListKeepsItsLines() {
        String[] paragraphs = HelpLayout.paragraphs(new String[] {
            "First sentence. Second one that goes on", "over two lines.", "", "A list:", "  - one", "  - two", "After."});
        assertThat(paragraphs).containsExactly(
                "First sentence. Second one that goes on over two lines.", "", "A list:", "  - one", "  - two", "After.");
        assertThat(HelpLayout.summaryFirst(paragraphs)).first().isEqualTo("First sentence.");
    }

    private static String[] words(CommandLine cli, String... more) {
        List<String> words = new ArrayList<>();
        for (CommandLine c = cli; c.getParent() != null; c = c.getParent()) {
            words.addFirst(c.getCommandName());
        }
        words.addAll(List.of(more));
        return words.toArray(String[]::new);
    }

    private static List<CommandLine> commands(CommandLine root) {
        List<CommandLine> all = new ArrayList<>();
        all.add(root);
        root.getSubcommands().values().forEach(sub -> all.addAll(commands(sub)));
        return all;
    }
}
