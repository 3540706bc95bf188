package dev.contractgate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contractgate.testing.TestEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path folder;

    private final ConfigLoader loader = new ConfigLoader();

    private ConfigLoader.Loaded load(String yaml, Map<String, String> env) {
        return loader.load(new TestEnvironment(folder).writeConfig(yaml), env);
    }

    private static org.assertj.core.api.AbstractThrowableAssert<?, ?> assertRefused(Runnable load) {
        return assertThatThrownBy(load::run).isInstanceOf(ConfigException.class);
    }

    @Test
    void theShippedFileHoldsExactlyTheDefaults() {
        ConfigLoader.Loaded loaded = loader.load(TestEnvironment.projectConfig(), Map.of());

        assertThat(loaded.config()).isEqualTo(AppConfig.defaults());
    }

    @Test
    void theShippedFileDocumentsEverySetting() {
        String effective = loader.describe(AppConfig.defaults());
        String shipped = readShipped();

        effective.lines()
                .map(line -> line.strip())
                .filter(line -> line.contains(":"))
                .map(line -> line.substring(0, line.indexOf(':')))
                .forEach(key -> assertThat(shipped).as("config/contractgate.yml mentions " + key).contains(key + ":"));
    }

    private static String readShipped() {
        try {
            return java.nio.file.Files.readString(TestEnvironment.projectConfig());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void refusesASettingWithAControlCharacterNamingItAndItsVariable() {
        assertRefused(() -> load("time_zone: \"Asia/Tokyo\\u0007\"\n", Map.of()))
                .hasMessageContaining("time_zone: contains a control character (U+0007)");
        assertRefused(() -> load("", Map.of("CHATWORK_API_URL", "https://api.chatwork.com/v2\u0000")))
                .hasMessageContaining("chatwork.api_url (from CHATWORK_API_URL): contains a control character (U+0000)");
        assertRefused(() -> load("", Map.of("CHATWORK_API_TOKEN", "abc\u0001def")))
                .hasMessageContaining("CHATWORK_API_TOKEN: contains a control character (U+0001) at position 3")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("abc"));
    }

    @Test
    void readsTheRoomPostingLimitUnderItsOldNameToo() {
        ConfigLoader.Loaded loaded = load("outbox:\n  room_post_limit: 5\n  room_post_window: 20s\n", Map.of());

        assertThat(loaded.config().chatwork().roomPostLimit()).isEqualTo(5);
        assertThat(loaded.config().chatwork().roomPostWindow()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void refusesAMovedSettingGivenUnderBothNames() {
        assertRefused(() -> load("outbox:\n  room_post_limit: 5\nchatwork:\n  room_post_limit: 6\n", Map.of()))
                .hasMessageContaining("outbox.room_post_limit: moved to chatwork.room_post_limit, which is set too");
    }

    @Test
    void readsTeamsFromItsVariablesAndRefusesWhatCannotWork() {
        ConfigLoader.Loaded loaded = load("", Map.of("MSTEAMS_APP_ID", "11111111-2222-3333-4444-555555555555",
                "MSTEAMS_TENANT_ID", "botframework.com", "MSTEAMS_SERVICE_URL_HOSTS", "smba.trafficmanager.net, *.botframework.com"));
        assertThat(loaded.config().msteams().tokenEndpoint())
                .isEqualTo("https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token");
        assertThat(loaded.config().msteams().allowedHosts()).containsExactly("smba.trafficmanager.net", "*.botframework.com");

        assertRefused(() -> load("", Map.of("MSTEAMS_APP_ID", "my-bot"))).hasMessageContaining("msteams.app_id (from MSTEAMS_APP_ID)");
        assertRefused(() -> load("", Map.of("MSTEAMS_APP_ID", "11111111-2222-3333-4444-555555555555",
                "MSTEAMS_APP_PASSWORD", "secret"))).hasMessageContaining("MSTEAMS_TENANT_ID");
        assertRefused(() -> load("", Map.of("MSTEAMS_APP_PASSWORD", "secret", "MSTEAMS_TENANT_ID", "botframework.com")))
                .hasMessageContaining("MSTEAMS_APP_ID");
        assertRefused(() -> load("", Map.of("MSTEAMS_SERVICE_URL_HOSTS", "*.trafficmanager.net")))
                .hasMessageContaining("smba.trafficmanager.net only");
        assertRefused(() -> load("msteams:\n  app_password: secret\n", Map.of())).hasMessageContaining("MSTEAMS_APP_PASSWORD");
    }

    @Test
    void environmentVariablesOverrideTheFile() {
        ConfigLoader.Loaded loaded = load("server:\n  port: 9000\nlanguage: ja\n",
                Map.of("CONTRACTGATE_PORT", "9100", "CONTRACTGATE_LANG", "en", "CHATWORK_BOT_ACCOUNT_ID", "123"));

        assertThat(loaded.config().server().port()).isEqualTo(9100);
        assertThat(loaded.config().language()).isEqualTo("en");
        assertThat(loaded.config().chatwork().botAccountId()).isEqualTo("123");
    }

    @Test
    void readsDurationsWrittenTheHumanWay() {
        ConfigLoader.Loaded loaded = load("inbox:\n  poll_interval: 250ms\n  lease: 5m\n", Map.of());

        assertThat(loaded.config().inbox().pollInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(loaded.config().inbox().lease()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void refusesAnUnknownSettingAndNamesIt() {
        assertRefused(() -> load("server:\n  prot: 8080\n", Map.of()))
                .hasMessageContaining("server.prot: unknown setting")
                .hasMessageContaining("port");
    }

    @Test
    void refusesAValueOfTheWrongTypeAndNamesTheSetting() {
        assertRefused(() -> load("server:\n  port: eighty\n", Map.of())).hasMessageContaining("server.port");
        assertRefused(() -> load("inbox:\n  lease: soon\n", Map.of()))
                .hasMessageContaining("inbox.lease")
                .hasMessageContaining("duration");
    }

    @Test
    void refusesABadEnvironmentValueAndNamesTheVariable() {
        assertRefused(() -> load("", Map.of("CONTRACTGATE_PORT", "70000")))
                .hasMessageContaining("server.port (from CONTRACTGATE_PORT)")
                .hasMessageContaining("between 0 and 65535");
        assertRefused(() -> load("", Map.of("CONTRACTGATE_PORT", "http")))
                .hasMessageContaining("CONTRACTGATE_PORT");
        assertRefused(() -> load("", Map.of("CONTRACTGATE_LANG", "fr"))).hasMessageContaining("language (from CONTRACTGATE_LANG)");
        assertRefused(() -> load("", Map.of("CONTRACTGATE_DB_URL", "jdbc:mysql://x/y"))).hasMessageContaining("database.url");
    }

    @Test
    void refusesASecretWrittenIntoTheFile() {
        assertRefused(() -> load("chatwork:\n  api_token: abc\n", Map.of()))
                .hasMessageContaining("chatwork.api_token")
                .hasMessageContaining("CHATWORK_API_TOKEN");
    }

    @Test
    void refusesMalformedWebhookTokensAndTooManyOfThem() {
        assertRefused(() -> load("", Map.of("CHATWORK_WEBHOOK_TOKENS", "not base64!!")))
                .hasMessageContaining("CHATWORK_WEBHOOK_TOKENS: token 1");
        String token = TestEnvironment.WEBHOOK_TOKEN;
        assertRefused(() -> load("", Map.of("CHATWORK_WEBHOOK_TOKENS", String.join(",", token, token, token, token, token, token))))
                .hasMessageContaining("at most 5");
    }

    @Test
    void refusesAMissingNamedFile() {
        assertRefused(() -> loader.load(folder.resolve("absent.yml"), Map.of())).hasMessageContaining("absent.yml");
        assertRefused(() -> loader.load(null, Map.of("CONTRACTGATE_CONFIG", folder.resolve("gone.yml").toString())))
                .hasMessageContaining("gone.yml");
    }

    @Test
    void refusesAFileThatIsNotYaml() {
        assertRefused(() -> load("server: [port: 1\n", Map.of())).hasMessageContaining("not valid YAML");
    }

    @Test
    void reportsEveryProblemAtOnce() {
        assertRefused(() -> load("inbox:\n  max_attempts: 0\n", Map.of("CONTRACTGATE_PORT", "-1")))
                .satisfies(e -> assertThat(((ConfigException) e).problems()).hasSize(2));
    }

    @Test
    void neverPrintsSecrets() {
        Secrets secrets = new Secrets("operator-key-which-is-long-enough", "api-token-value", java.util.List.of(TestEnvironment.WEBHOOK_TOKEN), "app-password", "pw");

        assertThat(secrets.toString())
                .doesNotContain("operator-key-which-is-long-enough")
                .doesNotContain("api-token-value")
                .doesNotContain(TestEnvironment.WEBHOOK_TOKEN)
                .doesNotContain("pw]");
    }
}
