package dev.contractgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code evaluate FILE…}: the scores of the analysis on labelled files, for the lead to score a test set with. */
class EvaluateCommandTest {
    @TempDir
    Path folder;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int evaluate(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "evaluate";
        System.arraycopy(args, 0, command, 1, args.length);
        return Cli.run(command, Map.of(), new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void printsPerLabelScoresForEachLanguageTheMacroF1AndContactPrecision() throws IOException {
        Path file = folder.resolve("set.txt");
        Files.writeString(file, String.join("\n",
                "# a labelled set",
                "C | - | 詳しくはLINEで話しましょう。IDは tanaka_works77 です",
                "N | - | 納期は12月15日、予算は5万円でお願いします",
                "- | - | 了解です。よろしくお願いします。",
                "C | - | What's your email? mine is jo.baker@brightmail.com",
                "C | - | ok, talk to you tomorrow then",
                "- | r1/42 | thanks, see you tomorrow", ""), StandardCharsets.UTF_8);
        assertThat(evaluate(file.toString())).as(err.toString(StandardCharsets.UTF_8)).isZero();
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains(file + ": 6 messages")
                .contains("| ja   | contact_exchange  |    1 |   0 |   0 |     1.000 |  1.000 | 1.000 |")
                .contains("| en   | contact_exchange  |    1 |   0 |   1 |     1.000 |  0.500 | 0.667 |")
                .contains("| ja   | negotiation       |    1 |   0 |   0 |")
                .contains("| all  | macro F1 ")
                .contains(file + ": 6 messages, macro F1 ").contains("contact_exchange precision 1.000");
        assertThat(printed).doesNotContain("expected");
    }

    @Test
    void listsTheMissesOnlyWhenAskedAndRefusesAFileThatIsNotLabelled() throws IOException {
        Path file = folder.resolve("set.txt");
        Files.writeString(file, "C | - | ok, talk to you tomorrow then\n", StandardCharsets.UTF_8);
        assertThat(evaluate("--misses", file.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains(file + ":1 expected C found - ok, talk to you tomorrow");

        Path broken = folder.resolve("broken.txt");
        Files.writeString(broken, "just a message\n", StandardCharsets.UTF_8);
        assertThat(evaluate(broken.toString())).isEqualTo(Cli.FAILURE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("broken.txt:1: expected LABELS | THREAD | TEXT");
    }
}
