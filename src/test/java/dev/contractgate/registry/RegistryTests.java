package dev.contractgate.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contractgate.db.Database;
import dev.contractgate.testing.TestClock;
import dev.contractgate.validation.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The registry's rules against a real database; {@link RegistryOnSqliteTest} and {@link RegistryOnPostgresTest} run
 * them on each.
 */
abstract class RegistryTests {
    static final String CHATWORK = "chatwork";
    static final String ROOM = "500";
    static final String FREELANCER = "1001";
    static final String OTHER_FREELANCER = "1002";
    static final String CLIENT = "2001";
    static final String OTHER_CLIENT = "2002";

    static final Actor OPERATOR = Actor.operator("test");
    static final Actor FREELANCER_ACTOR = Actor.party(Role.FREELANCER, CHATWORK, FREELANCER, "test");
    static final Actor CLIENT_ACTOR = Actor.party(Role.CLIENT, CHATWORK, CLIENT, "test");
    static final Actor STRANGER = Actor.party(Role.CLIENT, CHATWORK, OTHER_CLIENT, "test");

    private Database database;
    TestClock clock;
    Registry registry;

    abstract Database openDatabase();

    @BeforeEach
    void open() {
        database = openDatabase();
        clock = TestClock.atNow();
        registry = new Registry(database.jdbi(), dev.contractgate.Main.channelIds(), clock);
    }

    @AfterEach
    void close() {
        database.close();
    }

    static NewApplication claim(String client, String freelancer, String room) {
        return new NewApplication(Platform.CROWDWORKS, "https://crowdworks.jp/proposals/" + client + freelancer,
                CHATWORK, client, freelancer, room, null, null, null, null, null);
    }

    static NewApplication expiring(Instant validUntil) {
        return new NewApplication(Platform.LANCERS, "L-1", CHATWORK, CLIENT, FREELANCER, ROOM, validUntil, null, null,
                null, null);
    }

    static NewApplication confirmedImport(String client, String freelancer, String room) {
        return new NewApplication(Platform.CROWDWORKS, "import-" + client + "-" + freelancer + "-" + room, CHATWORK,
                client, freelancer, room, null, null, null, null, ApplicationStatus.CONFIRMED);
    }

    Application clientClaim() {
        return registry.file(CLIENT_ACTOR, claim(CLIENT, FREELANCER, ROOM));
    }

    Application confirmed() {
        Application claim = clientClaim();
        return registry.confirm(FREELANCER_ACTOR, claim.id());
    }

    // --- filing -------------------------------------------------------------------------------------------------

    @Test
    void aClientFilesAClaimThatIsAuditedAsFiled() {
        Application claim = clientClaim();

        assertThat(claim.status()).isEqualTo(ApplicationStatus.CLAIMED);
        assertThat(claim.filedBy()).isEqualTo(Role.CLIENT);
        assertThat(claim.createdAt()).isEqualTo(clock.instant());
        assertThat(registry.history(claim.id())).singleElement().satisfies(entry -> {
            assertThat(entry.action()).isEqualTo("application.filed");
            assertThat(entry.actor()).isEqualTo("client chatwork:2001 (test)");
            assertThat(entry.statusBefore()).isNull();
            assertThat(entry.statusAfter()).isEqualTo(ApplicationStatus.CLAIMED);
        });
    }

    @Test
    void anOperatorImportsAConfirmedApplicationFiledByNobodyInParticular() {
        Application imported = registry.file(OPERATOR, confirmedImport(CLIENT, FREELANCER, null));

        assertThat(imported.status()).isEqualTo(ApplicationStatus.CONFIRMED);
        assertThat(imported.filedBy()).isEqualTo(Role.OPERATOR);
        assertThat(registry.history(imported.id())).extracting(AuditEntry::statusAfter).containsExactly(ApplicationStatus.CONFIRMED);
    }

    @Test
    void aPartyFilesOnlyForItsOwnAccountAndOnlyAClaim() {
        assertThatThrownBy(() -> registry.file(STRANGER, claim(CLIENT, FREELANCER, ROOM)))
                .isInstanceOf(NotPermittedException.class);
        assertThatThrownBy(() -> registry.file(FREELANCER_ACTOR, claim(CLIENT, OTHER_FREELANCER, ROOM)))
                .isInstanceOf(NotPermittedException.class);
        assertThatThrownBy(() -> registry.file(CLIENT_ACTOR, confirmedImport(CLIENT, FREELANCER, ROOM)))
                .isInstanceOf(NotPermittedException.class);
        NewApplication claimedAsFreelancer = claim(CLIENT, FREELANCER, ROOM).resolved(Role.FREELANCER, null);
        assertThatThrownBy(() -> registry.file(CLIENT_ACTOR, claimedAsFreelancer)).isInstanceOf(NotPermittedException.class);
        assertThat(registry.audit(null, 100)).isEmpty();
    }

    @Test
    void refusesAnInvalidApplicationNamingEveryField() {
        NewApplication bad = new NewApplication(null, " ", "skype", "abc", null, null, clock.instant(), null,
                "ftp://x", null, ApplicationStatus.REVOKED);

        assertThatThrownBy(() -> registry.file(OPERATOR, bad))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .extracting(error -> error.field())
                        .containsExactlyInAnyOrder("platform", "reference", "channel", "freelancer_account_id",
                                "valid_until", "status", "evidence_url"));
    }

    // --- transitions --------------------------------------------------------------------------------------------

    @Test
    void theOtherPartyConfirmsAClaim() {
        Application claim = clientClaim();
        clock.advance(Duration.ofMinutes(1));

        Application confirmed = registry.confirm(FREELANCER_ACTOR, claim.id());

        assertThat(confirmed.status()).isEqualTo(ApplicationStatus.CONFIRMED);
        assertThat(confirmed.updatedAt()).isEqualTo(clock.instant());
        assertThat(registry.history(claim.id())).last().satisfies(entry -> {
            assertThat(entry.action()).isEqualTo("application.confirmed");
            assertThat(entry.actor()).isEqualTo("freelancer chatwork:1001 (test)");
            assertThat(entry.statusBefore()).isEqualTo(ApplicationStatus.CLAIMED);
            assertThat(entry.statusAfter()).isEqualTo(ApplicationStatus.CONFIRMED);
            assertThat(entry.at()).isEqualTo(clock.instant());
        });
    }

    @Test
    void theClientConfirmsAFreelancersClaim() {
        Application claim = registry.file(FREELANCER_ACTOR, claim(CLIENT, FREELANCER, null));

        assertThat(registry.confirm(CLIENT_ACTOR, claim.id()).status()).isEqualTo(ApplicationStatus.CONFIRMED);
    }

    @Test
    void theFilerCannotConfirmOrDenyItsOwnClaim() {
        Application claim = clientClaim();

        assertThatThrownBy(() -> registry.confirm(CLIENT_ACTOR, claim.id()))
                .isInstanceOf(ConflictException.class).hasMessageContaining("filed by the client");
        assertThatThrownBy(() -> registry.deny(CLIENT_ACTOR, claim.id(), null)).isInstanceOf(ConflictException.class);
        assertThat(registry.application(OPERATOR, claim.id()).status()).isEqualTo(ApplicationStatus.CLAIMED);
        assertThat(registry.history(claim.id())).hasSize(1);
    }

    @Test
    void theOtherPartyDeniesAClaimWithAReason() {
        Application claim = clientClaim();

        Application denied = registry.deny(FREELANCER_ACTOR, claim.id(), "no such application on CrowdWorks");

        assertThat(denied.status()).isEqualTo(ApplicationStatus.DENIED);
        assertThat(registry.history(claim.id())).last().satisfies(entry -> {
            assertThat(entry.action()).isEqualTo("application.denied");
            assertThat(entry.detail()).isEqualTo("no such application on CrowdWorks");
        });
    }

    @Test
    void anOperatorConfirmsOrDeniesAnyClaim() {
        assertThat(registry.confirm(OPERATOR, clientClaim().id()).status()).isEqualTo(ApplicationStatus.CONFIRMED);
        assertThat(registry.deny(OPERATOR, clientClaim().id(), null).status()).isEqualTo(ApplicationStatus.DENIED);
        Application operatorClaim = registry.file(OPERATOR, claim(CLIENT, FREELANCER, ROOM));
        assertThat(registry.confirm(OPERATOR, operatorClaim.id()).status()).isEqualTo(ApplicationStatus.CONFIRMED);
    }

    @Test
    void eitherPartyOfAnOperatorsClaimMayConfirmIt() {
        Application forFreelancer = registry.file(OPERATOR, claim(CLIENT, FREELANCER, ROOM));
        Application forClient = registry.file(OPERATOR, claim(CLIENT, FREELANCER, ROOM));

        assertThat(registry.confirm(FREELANCER_ACTOR, forFreelancer.id()).status()).isEqualTo(ApplicationStatus.CONFIRMED);
        assertThat(registry.confirm(CLIENT_ACTOR, forClient.id()).status()).isEqualTo(ApplicationStatus.CONFIRMED);
    }

    @Test
    void eitherPartyOrAnOperatorRevokesAConfirmedApplication() {
        for (Actor actor : List.of(CLIENT_ACTOR, FREELANCER_ACTOR, OPERATOR)) {
            Application revoked = registry.revoke(actor, confirmed().id(), "contract ended");
            assertThat(revoked.status()).isEqualTo(ApplicationStatus.REVOKED);
            assertThat(registry.history(revoked.id())).extracting(AuditEntry::action)
                    .containsExactly("application.filed", "application.confirmed", "application.revoked");
        }
    }

    @Test
    void refusesEveryTransitionTheLifecycleDoesNotHave() {
        Application claimed = clientClaim();
        Application confirmed = confirmed();
        Application denied = registry.deny(FREELANCER_ACTOR, clientClaim().id(), null);
        Application revoked = registry.revoke(OPERATOR, confirmed().id(), null);

        assertRefused(() -> registry.revoke(OPERATOR, claimed.id(), null), "is claimed");
        assertRefused(() -> registry.confirm(OPERATOR, confirmed.id()), "is confirmed");
        assertRefused(() -> registry.deny(OPERATOR, confirmed.id(), null), "is confirmed");
        assertRefused(() -> registry.confirm(OPERATOR, denied.id()), "is denied");
        assertRefused(() -> registry.deny(OPERATOR, denied.id(), null), "is denied");
        assertRefused(() -> registry.revoke(OPERATOR, denied.id(), null), "is denied");
        assertRefused(() -> registry.confirm(OPERATOR, revoked.id()), "is revoked");
        assertRefused(() -> registry.deny(OPERATOR, revoked.id(), null), "is revoked");
        assertRefused(() -> registry.revoke(OPERATOR, revoked.id(), null), "is revoked");
    }

    private static void assertRefused(Runnable change, String because) {
        assertThatThrownBy(change::run).isInstanceOf(ConflictException.class).hasMessageContaining(because);
    }

    @Test
    void aPartyCannotSeeOrChangeAnApplicationThatIsNotItsOwn() {
        Application claim = clientClaim();
        Actor otherFreelancer = Actor.party(Role.FREELANCER, CHATWORK, OTHER_FREELANCER, "test");
        Actor clientAsFreelancer = Actor.party(Role.FREELANCER, CHATWORK, CLIENT, "test");

        for (Actor outsider : List.of(STRANGER, otherFreelancer, clientAsFreelancer)) {
            assertThatThrownBy(() -> registry.application(outsider, claim.id())).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> registry.confirm(outsider, claim.id())).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> registry.deny(outsider, claim.id(), null)).isInstanceOf(NotFoundException.class);
        }
        assertThatThrownBy(() -> registry.confirm(OPERATOR, 999_999)).isInstanceOf(NotFoundException.class);
    }

    // --- expiry -------------------------------------------------------------------------------------------------

    @Test
    void aClaimExpiresWhenItsValidityPassesAndCanNoLongerBeConfirmed() {
        Application claim = registry.file(CLIENT_ACTOR, expiring(clock.instant().plus(Duration.ofHours(1))));
        clock.advance(Duration.ofHours(1));

        assertThat(registry.application(OPERATOR, claim.id()).status()).isEqualTo(ApplicationStatus.EXPIRED);
        assertRefused(() -> registry.confirm(FREELANCER_ACTOR, claim.id()), "is expired");
        assertRefused(() -> registry.deny(FREELANCER_ACTOR, claim.id(), null), "is expired");
        assertThat(registry.history(claim.id())).hasSize(1);
    }

    @Test
    void aConfirmedApplicationExpiresAndThenNeitherCoversNorCanBeRevoked() {
        Application claim = registry.file(CLIENT_ACTOR, expiring(clock.instant().plus(Duration.ofDays(30))));
        registry.confirm(FREELANCER_ACTOR, claim.id());
        assertThat(coverage(CLIENT, FREELANCER).covered()).isTrue();

        clock.advance(Duration.ofDays(30).plusMillis(1));

        assertThat(registry.application(CLIENT_ACTOR, claim.id()).status()).isEqualTo(ApplicationStatus.EXPIRED);
        assertThat(coverage(CLIENT, FREELANCER)).isEqualTo(Coverage.NONE);
        assertRefused(() -> registry.revoke(OPERATOR, claim.id(), null), "is expired");
    }

    @Test
    void listsByStatusAsOfNow() {
        Application expiring = registry.file(CLIENT_ACTOR, expiring(clock.instant().plus(Duration.ofMinutes(5))));
        Application lasting = clientClaim();
        clock.advance(Duration.ofMinutes(10));

        assertThat(registry.applications(OPERATOR, query(null, ApplicationStatus.EXPIRED)))
                .extracting(Application::id).containsExactly(expiring.id());
        assertThat(registry.applications(OPERATOR, query(null, ApplicationStatus.CLAIMED)))
                .extracting(Application::id).containsExactly(lasting.id());
        assertThat(registry.applications(OPERATOR, query(null, null)))
                .extracting(Application::status).containsExactly(ApplicationStatus.CLAIMED, ApplicationStatus.EXPIRED);
    }

    // --- coverage -----------------------------------------------------------------------------------------------

    private Coverage coverage(String counterpart, String... freelancers) {
        return registry.coverage(CHATWORK, ROOM, counterpart, List.of(freelancers), clock.instant());
    }

    @Test
    void aClaimAloneDoesNotCoverButIsReportedPending() {
        Application claim = clientClaim();

        Coverage coverage = coverage(CLIENT, FREELANCER);

        assertThat(coverage.covered()).isFalse();
        assertThat(coverage.covering()).isNull();
        assertThat(coverage.pending().id()).isEqualTo(claim.id());
    }

    @Test
    void coversWithARoomScopedOrARoomlessApplicationButNotOneForAnotherRoom() {
        registry.file(OPERATOR, confirmedImport(CLIENT, FREELANCER, "999"));
        assertThat(coverage(CLIENT, FREELANCER).covered()).isFalse();

        Application roomless = registry.file(OPERATOR, confirmedImport(CLIENT, FREELANCER, null));
        assertThat(coverage(CLIENT, FREELANCER).covering().id()).isEqualTo(roomless.id());
        assertThat(registry.coverage(CHATWORK, "777", CLIENT, List.of(FREELANCER), clock.instant()).covering().id())
                .isEqualTo(roomless.id());

        Application scoped = registry.file(OPERATOR, confirmedImport(CLIENT, FREELANCER, ROOM));
        Application newerRoomless = registry.file(OPERATOR, confirmedImport(CLIENT, FREELANCER, null));
        assertThat(newerRoomless.id()).isGreaterThan(scoped.id());
        assertThat(coverage(CLIENT, FREELANCER).covering().id()).as("room-scoped preferred").isEqualTo(scoped.id());
    }

    @Test
    void coverageIsPerCounterpartAndAnyOfTheRoomsFreelancers() {
        registry.file(OPERATOR, confirmedImport(CLIENT, OTHER_FREELANCER, ROOM));
        Application otherClientClaim = registry.file(Actor.party(Role.CLIENT, CHATWORK, OTHER_CLIENT, "test"),
                claim(OTHER_CLIENT, FREELANCER, ROOM));

        assertThat(coverage(CLIENT, FREELANCER, OTHER_FREELANCER).covered()).isTrue();
        assertThat(coverage(CLIENT, FREELANCER).covered()).isFalse();
        assertThat(coverage(OTHER_CLIENT, FREELANCER, OTHER_FREELANCER).covered()).isFalse();
        assertThat(coverage(OTHER_CLIENT, FREELANCER, OTHER_FREELANCER).pending().id()).isEqualTo(otherClientClaim.id());
        assertThat(coverage("3003", FREELANCER, OTHER_FREELANCER)).isEqualTo(Coverage.NONE);
        assertThat(coverage(CLIENT)).isEqualTo(Coverage.NONE);
    }

    @Test
    void theCounterpartMustBeTheClientAndTheChannelMustMatch() {
        registry.file(OPERATOR, confirmedImport(CLIENT, FREELANCER, ROOM));

        assertThat(coverage(FREELANCER, CLIENT).covered()).as("roles swapped").isFalse();
        assertThat(registry.coverage("msteams", ROOM, CLIENT, List.of(FREELANCER), clock.instant()).covered()).isFalse();
    }

    @Test
    void deniedAndRevokedApplicationsNeitherCoverNorPend() {
        registry.deny(FREELANCER_ACTOR, clientClaim().id(), null);
        registry.revoke(CLIENT_ACTOR, confirmed().id(), null);

        assertThat(coverage(CLIENT, FREELANCER)).isEqualTo(Coverage.NONE);
    }

    @Test
    void listsThePairingsApplicationsForARoomNewestFirst() {
        Application first = clientClaim();
        Application roomless = registry.file(OPERATOR, confirmedImport(CLIENT, FREELANCER, null));
        registry.file(OPERATOR, confirmedImport(CLIENT, FREELANCER, "999"));
        registry.file(OPERATOR, confirmedImport(OTHER_CLIENT, FREELANCER, ROOM));

        assertThat(registry.pairing(CHATWORK, ROOM, CLIENT, FREELANCER)).extracting(Application::id)
                .containsExactly(roomless.id(), first.id());
    }

    // --- lists and visibility -----------------------------------------------------------------------------------

    private static ApplicationQuery query(String accountId, ApplicationStatus status) {
        return new ApplicationQuery(null, accountId, null, status, 100);
    }

    @Test
    void aPartyListsOnlyItsOwnApplications() {
        Application mine = clientClaim();
        Application notMine = registry.file(OPERATOR, claim("3003", OTHER_FREELANCER, ROOM));

        assertThat(registry.applications(CLIENT_ACTOR, query(null, null))).extracting(Application::id).containsExactly(mine.id());
        assertThat(registry.applications(FREELANCER_ACTOR, query(null, null))).extracting(Application::id).containsExactly(mine.id());
        assertThat(registry.applications(STRANGER, query(null, null))).isEmpty();
        assertThat(registry.applications(CLIENT_ACTOR, query(OTHER_CLIENT, null))).isEmpty();
        assertThat(registry.applications(CLIENT_ACTOR, new ApplicationQuery("msteams", null, null, null, 100))).isEmpty();
        assertThat(registry.applications(OPERATOR, query(null, null))).extracting(Application::id)
                .containsExactly(notMine.id(), mine.id());
        assertThat(registry.applications(OPERATOR, query(OTHER_FREELANCER, null))).extracting(Application::id)
                .containsExactly(notMine.id());
        assertThat(registry.applications(OPERATOR, new ApplicationQuery(null, null, null, null, 1))).hasSize(1);
    }

    // --- parties ------------------------------------------------------------------------------------------------

    private static NewParty party(Role role, String accountId) {
        return new NewParty(CHATWORK, accountId, role, "山田 " + accountId, "https://crowdworks.jp/public/employees/1");
    }

    @Test
    void registersAPartyOnceAndAgainIdempotently() {
        Registry.Registration first = registry.registerParty(FREELANCER_ACTOR, party(Role.FREELANCER, FREELANCER));
        Registry.Registration again = registry.registerParty(OPERATOR, new NewParty(CHATWORK, FREELANCER, Role.FREELANCER, "other name", null));

        assertThat(first.created()).isTrue();
        assertThat(again.created()).isFalse();
        assertThat(again.party()).isEqualTo(first.party());
        assertThat(registry.findParty(CHATWORK, FREELANCER)).contains(first.party());
        assertThat(registry.audit(null, 10)).singleElement().satisfies(entry -> {
            assertThat(entry.action()).isEqualTo("party.registered");
            assertThat(entry.subject()).isEqualTo("party:" + first.party().id());
        });
    }

    @Test
    void refusesToRegisterAnAccountAgainWithAnotherRole() {
        registry.registerParty(OPERATOR, party(Role.CLIENT, CLIENT));

        assertThatThrownBy(() -> registry.registerParty(OPERATOR, party(Role.FREELANCER, CLIENT)))
                .isInstanceOf(ConflictException.class).hasMessageContaining("already registered as client");
    }

    @Test
    void aPartyRegistersOnlyItself() {
        assertThatThrownBy(() -> registry.registerParty(CLIENT_ACTOR, party(Role.CLIENT, OTHER_CLIENT)))
                .isInstanceOf(NotPermittedException.class);
        assertThatThrownBy(() -> registry.registerParty(CLIENT_ACTOR, party(Role.FREELANCER, CLIENT)))
                .isInstanceOf(NotPermittedException.class);
        assertThat(registry.findParty(CHATWORK, OTHER_CLIENT)).isEmpty();
    }

    @Test
    void findsTheRegisteredPartiesAmongARoomsMembers() {
        Party freelancer = registry.registerParty(OPERATOR, party(Role.FREELANCER, FREELANCER)).party();
        Party client = registry.registerParty(OPERATOR, party(Role.CLIENT, CLIENT)).party();

        assertThat(registry.parties(CHATWORK, List.of(FREELANCER, CLIENT, "9000001", "3003")))
                .containsExactlyInAnyOrder(freelancer, client);
        assertThat(registry.parties("msteams", List.of(FREELANCER))).isEmpty();
        assertThat(registry.parties(CHATWORK, List.of())).isEmpty();
    }

    @Test
    void listsPartiesNewestFirstWithFilters() {
        Party freelancer = registry.registerParty(OPERATOR, party(Role.FREELANCER, FREELANCER)).party();
        Party client = registry.registerParty(OPERATOR, party(Role.CLIENT, CLIENT)).party();

        assertThat(registry.parties(new PartyQuery(null, null, null, 100))).containsExactly(client, freelancer);
        assertThat(registry.parties(new PartyQuery(CHATWORK, null, Role.FREELANCER, 100))).containsExactly(freelancer);
        assertThat(registry.parties(new PartyQuery(null, CLIENT, null, 100))).containsExactly(client);
        assertThat(registry.parties(new PartyQuery("msteams", null, null, 100))).isEmpty();
    }

    // --- races --------------------------------------------------------------------------------------------------

    @Test
    void confirmAndDenyRacingOnTheSameClaimEndWithOneWinnerAndAConsistentAudit() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 10; round++) {
                long id = clientClaim().id();
                CyclicBarrier start = new CyclicBarrier(2);
                Future<Application> confirm = threads.submit(racing(start, () -> registry.confirm(FREELANCER_ACTOR, id)));
                Future<Application> deny = threads.submit(racing(start, () -> registry.deny(OPERATOR, id, "race")));

                List<Object> outcomes = new ArrayList<>();
                for (Future<Application> change : List.of(confirm, deny)) {
                    try {
                        outcomes.add(change.get(30, TimeUnit.SECONDS).status());
                    } catch (java.util.concurrent.ExecutionException e) {
                        outcomes.add(e.getCause());
                    }
                }
                assertThat(outcomes).filteredOn(ApplicationStatus.class::isInstance).hasSize(1);
                assertThat(outcomes).filteredOn(ConflictException.class::isInstance).hasSize(1);
                ApplicationStatus winner = (ApplicationStatus) outcomes.stream().filter(ApplicationStatus.class::isInstance)
                        .findFirst().orElseThrow();
                assertThat(registry.application(OPERATOR, id).status()).isEqualTo(winner);
                assertThat(registry.history(id)).extracting(AuditEntry::statusAfter)
                        .containsExactly(ApplicationStatus.CLAIMED, winner);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void theConditionalUpdateMovesAnApplicationOnlyOnceAndNeverWhenExpired() {
        ApplicationDao dao = database.jdbi().onDemand(ApplicationDao.class);
        long id = clientClaim().id();
        long expiring = registry.file(CLIENT_ACTOR, expiring(clock.instant().plusSeconds(1))).id();
        Instant now = clock.instant();

        assertThat(dao.changeStatus(id, ApplicationStatus.CLAIMED, ApplicationStatus.CONFIRMED, now)).isEqualTo(1);
        assertThat(dao.changeStatus(id, ApplicationStatus.CLAIMED, ApplicationStatus.DENIED, now)).isZero();
        assertThat(dao.changeStatus(expiring, ApplicationStatus.CLAIMED, ApplicationStatus.CONFIRMED, now.plusSeconds(1))).isZero();
    }

    private static Callable<Application> racing(CyclicBarrier start, Callable<Application> change) {
        return () -> {
            start.await(10, TimeUnit.SECONDS);
            return change.call();
        };
    }

    // --- keys ---------------------------------------------------------------------------------------------------

    @Test
    void createsAKeyStoringOnlyItsHash() {
        ApiKeys keys = new ApiKeys(database.jdbi(), dev.contractgate.Main.channelIds(), clock);

        IssuedKey issued = keys.create(OPERATOR, new NewApiKey(Role.CLIENT, CHATWORK, CLIENT, "山田さん"));

        assertThat(issued.secret()).startsWith("cg_").hasSize(46);
        assertThat(issued.toString()).doesNotContain(issued.secret());
        assertThat(keys.find(issued.secret())).contains(issued.key());
        assertThat(keys.find(issued.secret() + "x")).isEmpty();
        assertThat(issued.key()).extracting(ApiKey::role, ApiKey::channel, ApiKey::accountId, ApiKey::name)
                .containsExactly(Role.CLIENT, CHATWORK, CLIENT, "山田さん");
        List<String> stored = database.jdbi().withHandle(handle -> handle
                .createQuery("SELECT key_hash FROM api_key").mapTo(String.class).list());
        assertThat(stored).containsExactly(ApiKeys.hash(issued.secret()));
        assertThat(registry.audit(null, 10)).singleElement().satisfies(entry -> {
            assertThat(entry.action()).isEqualTo("api_key.created");
            assertThat(entry.detail()).contains("client chatwork:2001").doesNotContain(issued.secret());
        });
    }

    @Test
    void refusesAKeyThatIsBoundWrongly() {
        ApiKeys keys = new ApiKeys(database.jdbi(), dev.contractgate.Main.channelIds(), clock);

        assertThatThrownBy(() -> keys.create(OPERATOR, new NewApiKey(Role.FREELANCER, null, null, null)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .extracting(error -> error.field()).containsExactly("channel", "account_id"));
        assertThatThrownBy(() -> keys.create(OPERATOR, new NewApiKey(Role.OPERATOR, CHATWORK, CLIENT, null)))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> keys.create(CLIENT_ACTOR, new NewApiKey(Role.OPERATOR, null, null, null)))
                .isInstanceOf(NotPermittedException.class);
    }

    // --- audit --------------------------------------------------------------------------------------------------

    @Test
    void listsTheAuditLogSinceATimeNewestFirst() {
        Application first = clientClaim();
        clock.advance(Duration.ofMinutes(1));
        Instant since = clock.instant();
        registry.confirm(FREELANCER_ACTOR, first.id());

        assertThat(registry.audit(since, 100)).extracting(AuditEntry::action).containsExactly("application.confirmed");
        assertThat(registry.audit(null, 100)).extracting(AuditEntry::action)
                .containsExactly("application.confirmed", "application.filed");
        assertThat(registry.audit(null, 1)).hasSize(1);
    }
}
