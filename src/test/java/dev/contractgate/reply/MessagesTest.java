package dev.contractgate.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contractgate.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessagesTest {
    private static final Path CONFIG = Path.of("config");

    @TempDir
    Path folder;

    private static Messages load(Path dir, String language) {
        return Messages.load(dir, language, java.time.ZoneId.of("Asia/Tokyo"), ReplyComposer.GATE_TEMPLATES,
                ReplyComposer.GATE_PLACEHOLDERS, java.util.Set.of());
    }

    private static Messages shipped(String language) {
        return dev.contractgate.Main.loadMessages(CONFIG, language, java.time.ZoneId.of("Asia/Tokyo"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ja", "en"})
    void theShippedTemplatesAreCompleteInEveryLanguage(String language) {
        Messages messages = shipped(language);

        for (String template : ReplyComposer.GATE_TEMPLATES) {
            assertThat(messages.render("chatwork", template, Map.of()).text()).as(template).isNotBlank();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ja", "en"})
    void writesEachChannelsOwnWordsAndNeverChatworksOnTeams(String language) {
        Messages messages = shipped(language);

        java.util.Set<String> templates = new java.util.TreeSet<>(ReplyComposer.GATE_TEMPLATES);
        templates.addAll(dev.contractgate.command.CommandHandler.TEMPLATES);
        templates.addAll(dev.contractgate.reminder.ReminderWorker.TEMPLATES);
        for (String template : templates) {
            String teams = messages.render("msteams", template, Map.of()).text();
            assertThat(teams).as(template).doesNotContain("Chatwork").doesNotContain("（TO）").doesNotContain("with TO")
                    .doesNotContain("{");
        }
        assertThat(messages.render("chatwork", "setup_notice", Map.of()).text()).containsAnyOf("（TO）", "with TO");
        assertThat(messages.render("msteams", "setup_notice", Map.of()).text()).contains("@");
        assertThat(messages.render("line", "setup_notice", Map.of()).text()).as("a channel without words of its own")
                .doesNotContain("{").doesNotContain("Chatwork");
    }

    @Test
    void fillsListsTimesAndConditionalLines() {
        Messages messages = shipped("ja");

        Messages.Rendered warning = messages.render("chatwork", "gate_warning", Map.of(
                "counterparts", List.of("佐藤", "鈴木"), "matches", List.of("LINE: abc")));
        Messages.Rendered quiet = messages.render("chatwork", "gate_warning", Map.of("counterparts", List.of("佐藤")));
        Messages.Rendered approval = messages.render("chatwork", "approval_notice", Map.of("client", "佐藤", "freelancer", "山田",
                "platform", "crowdworks", "reference", "123", "valid_until", Instant.parse("2027-03-30T16:00:00Z")));
        Messages.Rendered open = messages.render("chatwork", "approval_notice", Map.of("client", "佐藤", "freelancer", "山田",
                "platform", "crowdworks", "reference", "123"));

        assertThat(warning.text()).contains("佐藤、鈴木 さん").contains("気になった発言：「LINE: abc」");
        assertThat(quiet.text()).doesNotContain("気になった");
        assertThat(approval.text()).contains("有効期限：2027年3月31日").contains("自己責任");
        assertThat(open.text()).contains("有効期限：期限の定めなし");
    }

    @Test
    void refusesATemplateFileMissingATemplate() throws IOException {
        write("ja", "list_separator: \"、\"\ntemplates:\n  setup_notice:\n    title: t\n    text: x\n");

        assertThatThrownBy(() -> load(folder, "ja"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("template 'gate_warning' is missing");
    }

    @Test
    void refusesAnUnknownPlaceholderAndNamesTheTemplate() throws IOException {
        StringBuilder yaml = new StringBuilder("list_separator: \", \"\ntemplates:\n");
        for (String template : ReplyComposer.GATE_TEMPLATES) {
            yaml.append("  ").append(template).append(":\n    title: t\n    text: \"")
                    .append(template.equals("scam_alert") ? "hello {victim}" : "ok").append("\"\n");
        }
        write("en", yaml.toString());

        assertThatThrownBy(() -> load(folder, "en"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("template 'scam_alert' uses unknown placeholder {victim}");
    }

    @Test
    void refusesAnUnknownKeyInTheFile() throws IOException {
        write("en", "list_separator: \", \"\ncolour: blue\ntemplates: {}\n");

        assertThatThrownBy(() -> load(folder, "en")).isInstanceOf(ConfigException.class).hasMessageContaining("colour");
    }

    private void write(String language, String yaml) throws IOException {
        Files.createDirectories(folder.resolve("messages"));
        Files.writeString(folder.resolve("messages").resolve(language + ".yml"), yaml);
    }
}
