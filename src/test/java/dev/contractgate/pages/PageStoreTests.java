package dev.contractgate.pages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contractgate.Main;
import dev.contractgate.db.Database;
import dev.contractgate.registry.Actor;
import dev.contractgate.registry.ApiKeys;
import dev.contractgate.registry.IssuedKey;
import dev.contractgate.registry.NewApiKey;
import dev.contractgate.registry.Registry;
import dev.contractgate.registry.Role;
import dev.contractgate.testing.TestClock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Links, one-time codes and console sessions as stored, on each database. */
abstract class PageStoreTests {
    private final TestClock clock = TestClock.atNow();
    private Database database;
    private PageLinks links;
    private ConsoleSessions sessions;

    abstract Database openDatabase();

    @BeforeEach
    void open() {
        database = openDatabase();
        links = new PageLinks(database.jdbi(), "https://gate.example.org", Duration.ofMinutes(15), clock);
        sessions = new ConsoleSessions(database.jdbi(), Duration.ofHours(8), clock);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aLinkIsFoundByItsTokenUsedOnceAndExpires() {
        PageLinks.Issued issued = links.issue("chatwork", "3001", "880", LinkAction.CLIENT, false);
        String token = issued.url().substring("https://gate.example.org/l/".length());
        PageLinks.Issued later = links.issue("chatwork", "2001", "880", LinkAction.FREELANCER, true);

        assertThat(links.find(token)).hasValueSatisfying(link -> {
            assertThat(link.accountId()).isEqualTo("3001");
            assertThat(link.sentPrivately()).isFalse();
        });
        assertThat(links.find("A".repeat(43))).isEmpty();
        assertThat(links.use(issued.link())).isTrue();
        assertThat(links.use(issued.link())).as("a second use").isFalse();
        assertThat(links.refusal(links.find(token))).contains(PageLinks.Refusal.USED);
        clock.advance(Duration.ofMinutes(15));
        assertThat(links.refusal(Optional.of(later.link()))).contains(PageLinks.Refusal.EXPIRED);
        assertThat(links.use(later.link())).isFalse();
    }

    @Test
    void aCodeVerifiesOnlyForItsPersonInItsRoomAndOnlyItsBrowser() {
        PageLink link = links.issue("chatwork", "3001", "880", LinkAction.CLIENT, false).link();
        String code = links.newCode(link, "browser-one");

        assertThat(links.mayAct(link, "browser-one")).isFalse();
        assertThat(links.verifyCode("chatwork", "880", "2001", code)).as("the other side").isFalse();
        assertThat(links.verifyCode("chatwork", "881", "3001", code)).as("another room").isFalse();
        assertThat(links.verifyCode("chatwork", "880", "3001", "１２３")).isFalse();
        assertThat(links.verifyCode("chatwork", "880", "3001", toFullWidth(code))).as("typed in full-width digits").isTrue();
        assertThat(links.mayAct(link, "browser-one")).isTrue();
        assertThat(links.mayAct(link, "browser-two")).isFalse();
        assertThat(links.verifyCode("chatwork", "880", "3001", code)).as("a code verifies once").isFalse();
    }

    @Test
    void aSessionEndsBySigningOutByRunningOutAndWithItsKey() {
        ApiKeys keys = new ApiKeys(database.jdbi(), Main.channelIds(), clock);
        IssuedKey key = keys.create(Actor.operator("test"), new NewApiKey(Role.OPERATOR, null, null, "night", null));
        ConsoleSessions.Started withKey = sessions.start(key.key().id());
        ConsoleSessions.Started bootstrap = sessions.start(null);
        ConsoleSessions.Started other = sessions.start(null);

        assertThat(sessions.find(withKey.token())).isPresent();
        keys.revoke(Actor.operator("test"), key.key().id());
        assertThat(sessions.find(withKey.token())).as("its key was revoked").isEmpty();
        sessions.end(bootstrap.session());
        assertThat(sessions.find(bootstrap.token())).isEmpty();
        assertThat(sessions.find(other.token())).isPresent();
        clock.advance(Duration.ofHours(8));
        assertThat(sessions.find(other.token())).isEmpty();
    }

    @Test
    void theAuditLogIsFilteredByActionSubjectAndActor() {
        Registry registry = new Registry(database.jdbi(), Main.channelIds(), clock);
        ApiKeys keys = new ApiKeys(database.jdbi(), Main.channelIds(), clock);
        keys.create(Actor.operator("console, key 7"), new NewApiKey(Role.OPERATOR, null, null, "a", null));
        keys.create(Actor.operator("key 8"), new NewApiKey(Role.OPERATOR, null, null, "b", null));

        assertThat(registry.audit(null, "api_key.created", null, "console", 10)).singleElement()
                .satisfies(entry -> assertThat(entry.actor()).isEqualTo("operator (console, key 7)"));
        assertThat(registry.audit(null, "api_key.created", null, null, 10)).hasSize(2);
        assertThat(registry.audit(null, "application.filed", null, null, 10)).isEmpty();
        assertThat(registry.audit(clock.instant().plusSeconds(1), null, null, null, 10)).isEmpty();
    }

    private static String toFullWidth(String digits) {
        StringBuilder wide = new StringBuilder();
        digits.chars().forEach(c -> wide.append((char) ('０' + (c - '0'))));
        return wide.toString();
    }
}
