package dev.contractgate.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contractgate.chat.Budget;
import dev.contractgate.chat.Pacing;
import dev.contractgate.db.Database;
import dev.contractgate.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The posting limits belong to the bot's account: two instances on one database (two pacers, as two processes have)
 * share the room windows, the account's announced budget and the blocks a refusal imposed.
 */
class SharedPacingTest {
    static final Instant T0 = Instant.parse("2026-12-02T09:00:00Z");
    static final Pacing THREE_PER_ROOM_FIVE_PER_ACCOUNT = new Pacing(List.of(new Pacing.Window(3, Duration.ofSeconds(10))),
            List.of(new Pacing.Window(5, Duration.ofSeconds(60))));

    @TempDir
    Path folder;

    private Jdbi database(String kind) {
        Database database = kind.equals("postgres") ? TestDatabases.postgres() : TestDatabases.sqlite(folder);
        return database.jdbi();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void twoInstancesRacingForARoomNeverTakeMoreThanItsWindowTogether(String kind) throws Exception {
        Jdbi jdbi = database(kind);
        Pacer a = new Pacer(jdbi, "chatwork", Optional::empty, THREE_PER_ROOM_FIVE_PER_ACCOUNT);
        Pacer b = new Pacer(jdbi, "chatwork", Optional::empty, THREE_PER_ROOM_FIVE_PER_ACCOUNT);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Pacer.Reservation>> tries = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Pacer pacer = i % 2 == 0 ? a : b;
                tries.add(() -> pacer.reserve("room-1", T0));
            }
            int granted = 0;
            for (Future<Pacer.Reservation> reservation : threads.invokeAll(tries)) {
                granted += reservation.get().granted() ? 1 : 0;
            }
            assertThat(granted).as("the room's window, whichever instance asks").isEqualTo(3);
        } finally {
            threads.shutdownNow();
        }
        Pacer.Reservation refused = b.reserve("room-1", T0.plusSeconds(1));
        assertThat(refused.granted()).isFalse();
        assertThat(refused.notBefore()).as("when the first post leaves the window").isEqualTo(T0.plusSeconds(10));
        assertThat(a.reserve("room-2", T0.plusSeconds(1)).granted()).as("another room has its own window").isTrue();
        assertThat(b.reserve("room-3", T0.plusSeconds(2)).granted()).isTrue();
        assertThat(a.reserve("room-4", T0.plusSeconds(3)).granted()).as("the account's window: 5 a minute").isFalse();
        assertThat(a.reserve("room-1", T0.plusSeconds(10)).granted()).isFalse();
        assertThat(b.reserve("room-1", T0.plusSeconds(60)).granted()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void theBudgetOneInstanceHeardHoldsTheOtherBackUntilItsReset(String kind) {
        Jdbi jdbi = database(kind);
        Instant reset = T0.plusSeconds(120);
        AtomicReference<Optional<Budget>> heardByA = new AtomicReference<>(Optional.of(new Budget(300, 2, reset)));
        Pacer a = new Pacer(jdbi, "chatwork", heardByA::get, Pacing.NONE);
        Pacer b = new Pacer(jdbi, "chatwork", Optional::empty, Pacing.NONE);

        assertThat(a.reserve("room-1", T0).granted()).isTrue();
        heardByA.set(Optional.empty()); // A hears nothing more; B has never heard the budget itself
        assertThat(b.reserve("room-2", T0.plusSeconds(1)).granted()).as("one call was left").isTrue();
        Pacer.Reservation spent = b.reserve("room-3", T0.plusSeconds(2));

        assertThat(spent.granted()).as("the two left are used, by either instance").isFalse();
        assertThat(spent.notBefore()).isAfter(reset);
        assertThat(b.reserve("room-3", reset.plusSeconds(2)).granted()).as("after the reset").isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void aRefusalOneInstanceGotBlocksTheOthers(String kind) {
        Jdbi jdbi = database(kind);
        Pacer a = new Pacer(jdbi, "chatwork", Optional::empty, THREE_PER_ROOM_FIVE_PER_ACCOUNT);
        Pacer b = new Pacer(jdbi, "chatwork", Optional::empty, THREE_PER_ROOM_FIVE_PER_ACCOUNT);

        a.accountLimited(T0.plusSeconds(30), T0);
        Pacer.Reservation blocked = b.reserve("room-1", T0.plusSeconds(1));
        assertThat(blocked.granted()).isFalse();
        assertThat(blocked.notBefore()).isAfter(T0.plusSeconds(30));

        b.roomLimited("room-2", T0.plusSeconds(45), T0.plusSeconds(40));
        assertThat(a.reserve("room-2", T0.plusSeconds(41)).notBefore()).isEqualTo(T0.plusSeconds(45));
        assertThat(a.reserve("room-1", T0.plusSeconds(41)).granted()).as("only that room waits").isTrue();
    }
}
