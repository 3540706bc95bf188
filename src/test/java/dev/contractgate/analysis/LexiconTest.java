package dev.contractgate.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LexiconTest {
    @TempDir
    Path folder;

    /** A copy of the shipped lexicons with {@code old} replaced by {@code replacement} in one file. */
    private Path lexiconsWith(String file, String old, String replacement) throws IOException {
        for (String name : List.of(Lexicon.LEXICON_FILE, Lexicon.PATTERNS_FILE)) {
            String content = Files.readString(Path.of("config", "analysis", name), StandardCharsets.UTF_8);
            if (name.equals(file)) {
                assertThat(content).contains(old);
                content = content.replace(old, replacement);
            }
            Files.writeString(folder.resolve(name), content, StandardCharsets.UTF_8);
        }
        return folder;
    }

    @Test
    void loadsTheShippedLexicons() {
        Lexicon lexicon = Lexicon.load(Path.of("config", "analysis"));
        assertThat(lexicon.rules).hasSizeGreaterThan(40);
    }

    @Test
    void buildsTheSameContentsOncePerProcessAndAChangedFileAnew() throws IOException {
        Path copy = lexiconsWith(Lexicon.LEXICON_FILE, "", "");
        Lexicon first = Lexicon.load(copy);
        assertThat(Lexicon.load(copy)).as("the same contents: built once").isSameAs(first);

        Path changed = lexiconsWith(Lexicon.PATTERNS_FILE, "pattern: '\\bnda\\b|秘密保持", "pattern: '\\bnda\\b|機密保持|秘密保持");
        Lexicon rebuilt = Lexicon.load(changed);
        assertThat(rebuilt).as("a changed file: built anew").isNotSameAs(first);
        assertThat(Analyzer.load(changed).analyze("機密保持契約を結びたいです").labels()).contains(Label.NEGOTIATION);
    }

    @Test
    void fallsBackToTheDefaultsInTheJarWhenTheFolderDoesNotExist() {
        Analyzer analyzer = Analyzer.load(folder.resolve("missing"));
        assertThat(analyzer.analyze("LINE IDはtanaka_works77です").labels()).containsExactly(Label.CONTACT_EXCHANGE);
    }

    @Test
    void rejectsAnInvalidPatternNamingFileEntryAndProblem() throws IOException {
        Path broken = lexiconsWith(Lexicon.PATTERNS_FILE, "pattern: '\\bnda\\b|秘密保持", "pattern: '(\\bnda\\b|秘密保持");
        assertThatThrownBy(() -> Analyzer.load(broken))
                .isInstanceOf(LexiconException.class)
                .hasMessageContaining(broken.resolve("patterns.yml").toString())
                .hasMessageContaining("(negotiation.nda).pattern")
                .hasMessageContaining("not a valid RE2 pattern");
    }

    @Test
    void rejectsLookAroundThatWouldNotRunInLinearTime() throws IOException {
        Path broken = lexiconsWith(Lexicon.PATTERNS_FILE, "pattern: '\\bnda\\b|秘密保持", "pattern: '(?=nda)nda|秘密保持");
        assertThatThrownBy(() -> Analyzer.load(broken)).hasMessageContaining("(negotiation.nda).pattern");
    }

    @Test
    void rejectsUnknownSettingsLabelsTermsAndLists() throws IOException {
        lexiconsWith(Lexicon.PATTERNS_FILE, "  - id: negotiation.nda\n    label: negotiation\n    term: nda\n",
                "  - id: negotiation.nda\n    label: negociation\n    term: secret\n    colour: red\n");
        Files.writeString(folder.resolve(Lexicon.PATTERNS_FILE), Files.readString(folder.resolve(Lexicon.PATTERNS_FILE))
                .replace("{platform}", "{platforms}"));
        assertThatThrownBy(() -> Analyzer.load(folder))
                .isInstanceOf(LexiconException.class)
                .satisfies(e -> assertThat(((LexiconException) e).problems()).anySatisfy(p -> assertThat(p)
                        .contains("(negotiation.nda).label: must be one of")).anySatisfy(p -> assertThat(p)
                        .contains("(negotiation.nda).colour: unknown setting")).anySatisfy(p -> assertThat(p)
                        .contains("unknown list {platforms}")));
    }

    @Test
    void rejectsACueNamingAListThatDoesNotExist() throws IOException {
        Path broken = lexiconsWith(Lexicon.LEXICON_FILE, "  personal_data: ['{personal_data}'", "  personal_data: ['{personal_info}'");
        assertThatThrownBy(() -> Analyzer.load(broken))
                .hasMessageContaining("lexicon.yml: cues.personal_data: unknown list {personal_info}");
    }

    @Test
    void rejectsABadListEntryNamingIt() throws IOException {
        Path broken = lexiconsWith(Lexicon.LEXICON_FILE, "'登録料', ", "'登録料(', ");
        assertThatThrownBy(() -> Analyzer.load(broken))
                .hasMessageContaining("lexicon.yml: lists.fee[0] '登録料('");
    }

    @Test
    void rejectsAPatternThatMatchesEverything() throws IOException {
        Path broken = lexiconsWith(Lexicon.PATTERNS_FILE, "pattern: '\\bnda\\b|秘密保持", "pattern: 'x*|秘密保持");
        assertThatThrownBy(() -> Analyzer.load(broken)).hasMessageContaining("matches an empty message");
    }

    @Test
    void rejectsYamlThatIsNotYaml() throws IOException {
        Path broken = lexiconsWith(Lexicon.LEXICON_FILE, "channels:", "channels: [");
        assertThatThrownBy(() -> Analyzer.load(broken)).hasMessageContaining("lexicon.yml: not valid YAML");
    }

    @Test
    void findsTheLiteralsAMatchMustContain() {
        assertThat(RequiredLiterals.of("納期|締め?切り|deadline")).containsExactlyInAnyOrder("納期", "締切り", "締め切り", "deadline");
        assertThat(RequiredLiterals.of("(お)?電話(で|に)?.(お話|連絡)")).containsExactlyInAnyOrder("お話", "連絡");
        assertThat(RequiredLiterals.of("\\bid\\s?(は|:)\\s?[a-z]{3,}")).allSatisfy(literal -> assertThat(literal).startsWith("id"));
        assertThat(RequiredLiterals.of("[a-z]+@[a-z]+")).containsExactly("@");
        assertThat(RequiredLiterals.of("x*")).isNull();
        assertThat(RequiredLiterals.of("a|.*")).isNull();
    }

    @Test
    void findsEveryKeywordWithItsPosition() {
        KeywordIndex index = new KeywordIndex(List.of("line", "ライン", "納期", "he", "she", "hers"));
        List<String> hits = new java.util.ArrayList<>();
        index.scan("ushers 納期", (keyword, start, end) -> hits.add(keyword + "@" + start + "-" + end));
        assertThat(hits).containsExactlyInAnyOrder("4@1-4", "3@2-4", "5@2-6", "2@7-9");
        assertThat(index.found("了解です").isEmpty()).isTrue();
    }

    @Test
    void matchesPhraseListsRespectingWordBoundaries() {
        PatternIndex index = new PatternIndex(List.of(
                com.google.re2j.Pattern.compile("\\b(?:line|zoom)\\b\\s?(で|に)"),
                com.google.re2j.Pattern.compile("修正\\s?(は)?\\s?\\d\\d?回"),
                com.google.re2j.Pattern.compile("[a-z]+@[a-z]+\\.jp")));
        PatternIndex.Scan scan = index.scan("online で line で zoomに 修正は2回 a@b.jp");
        assertThat(scan.matches(0)).extracting(match -> match[0] + "-" + match[1]).containsExactly("9-15", "16-21");
        assertThat(scan.matches(1)).extracting(match -> match[0] + "-" + match[1]).containsExactly("22-27");
        assertThat(scan.matches(2)).extracting(match -> match[0] + "-" + match[1]).containsExactly("28-34");
        assertThat(index.scan("了解です").possible(0)).isFalse();
    }

    @Test
    void findsTheStartsEveryMatchBeginsWith() {
        assertThat(RequiredLiterals.prefixes("(お)?電話(で|に)")).containsExactlyInAnyOrder("お電話で", "お電話に", "電話で", "電話に");
        assertThat(RequiredLiterals.prefixes("[a-z]+@")).isNull();
        assertThat(RequiredLiterals.exact("(line|zoom)\\s?で")).containsExactlyInAnyOrder("line で", "lineで", "zoom で", "zoomで");
    }
}
