package dev.contractgate.line;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contractgate.config.ConfigException;
import dev.contractgate.config.ConfigLoader;
import dev.contractgate.testing.FakeLine;
import dev.contractgate.testing.TestEnvironment;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LINE's settings: secrets only from the environment and checked for their shape, the quota's order checked. */
class LineSettingsTest {
    @TempDir
    Path folder;

    private ConfigLoader.Loaded load(String yaml, Map<String, String> env) {
        return new ConfigLoader().load(new TestEnvironment(folder).writeConfig(yaml), env);
    }

    private String refusal(String yaml, Map<String, String> env) {
        return assertThatThrownBy(() -> load(yaml, env)).isInstanceOf(ConfigException.class).actual().getMessage();
    }

    @Test
    void readsOneOrTwoChannelSecretsAndTheTokenFromTheEnvironment() {
        ConfigLoader.Loaded loaded = load("", Map.of("LINE_CHANNEL_SECRET",
                FakeLine.OLD_CHANNEL_SECRET + ", " + FakeLine.CHANNEL_SECRET, "LINE_CHANNEL_ACCESS_TOKEN", "line-access-token-value",
                "LINE_API_URL", "http://127.0.0.1:9/"));

        assertThat(loaded.secrets().lineChannelSecrets()).containsExactly(FakeLine.OLD_CHANNEL_SECRET, FakeLine.CHANNEL_SECRET);
        assertThat(loaded.secrets().lineChannelAccessToken()).isEqualTo("line-access-token-value");
        assertThat(loaded.secrets().toString()).doesNotContain(FakeLine.CHANNEL_SECRET).doesNotContain("line-access-token-value")
                .contains("LINE_CHANNEL_SECRET=2 set");
        assertThat(loaded.config().line().apiUrl()).isEqualTo("http://127.0.0.1:9");
    }

    @Test
    void refusesASecretThatIsNotOneOrMoreThanTwo() {
        assertThat(refusal("", Map.of("LINE_CHANNEL_SECRET", "my-secret")))
                .contains("LINE_CHANNEL_SECRET: secret 1 is not a channel secret").doesNotContain("my-secret");
        assertThat(refusal("", Map.of("LINE_CHANNEL_SECRET", String.join(",", List.of(FakeLine.CHANNEL_SECRET,
                FakeLine.OLD_CHANNEL_SECRET, FakeLine.CHANNEL_SECRET))))).contains("at most 2 secrets");
    }

    @Test
    void refusesSecretsInTheFile() {
        assertThat(refusal("line:\n  channel_access_token: abc\n", Map.of())).contains("LINE_CHANNEL_ACCESS_TOKEN");
        assertThat(refusal("line:\n  channel_secret: abc\n", Map.of())).contains("LINE_CHANNEL_SECRET");
    }

    @Test
    void refusesAQuotaOrderNamingAnUnknownKindOrOneTwice() {
        assertThat(refusal("line:\n  quota:\n    priorities: [scam_alert, spam, scam_alert]\n", Map.of()))
                .contains("line.quota.priorities: 'spam' is not a reply kind")
                .contains("line.quota.priorities: 'scam_alert' is listed twice");
        assertThat(refusal("line:\n  reply_token_ttl: 2h\n", Map.of())).contains("line.reply_token_ttl");
    }
}
