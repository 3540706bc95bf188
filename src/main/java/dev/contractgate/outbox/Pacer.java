package dev.contractgate.outbox;

import dev.contractgate.chat.Budget;
import dev.contractgate.chat.Pacing;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;

/**
 * Keeps one channel's posts within its limits, for every instance on the database together (the limits belong to
 * the bot's account, not to a process): sliding windows per conversation (Chatwork: 10 posts per room in 10 s) and
 * for the whole account, the account's budget as any instance last heard the channel announce it (less the posts
 * made since), and any block the channel imposed by refusing a post. A post takes its slot by a reservation, in a
 * transaction that holds the channel's row: two instances never take the last free slot together.
 */
final class Pacer {
    /** Chatwork's reset time has a one-second resolution; waiting a little past it avoids an early 429. */
    private static final Duration RESET_MARGIN = Duration.ofMillis(1_000);
    /** The scope of the posts counted for the whole account. */
    private static final String ACCOUNT = "";
    /** Posts are kept at least this long: the budget's posts-since-announcement count reads them. */
    private static final Duration KEPT = Duration.ofMinutes(10);

    /** A slot taken for one post, or when one may be taken. */
    record Reservation(Instant notBefore, List<Long> posts) {
        boolean granted() {
            return posts != null;
        }
    }

    private final Jdbi jdbi;
    private final String channel;
    private final Supplier<Optional<Budget>> budget;
    private final List<Pacing.Window> roomWindows;
    private final List<Pacing.Window> accountWindows;
    private final Duration longestRoomWindow;
    private final Duration kept;

    Pacer(Jdbi jdbi, String channel, Supplier<Optional<Budget>> budget, Pacing pacing) {
        this.jdbi = jdbi;
        this.channel = channel;
        this.budget = budget;
        this.roomWindows = pacing.perConversation();
        this.accountWindows = pacing.perAccount();
        this.longestRoomWindow = longest(roomWindows).orElse(Duration.ofSeconds(10));
        Duration longest = longest(accountWindows).filter(window -> window.compareTo(longestRoomWindow) > 0)
                .orElse(longestRoomWindow);
        this.kept = longest.compareTo(KEPT) > 0 ? longest : KEPT;
    }

    /** Takes a slot for a post to this room now, or says when one frees up (then nothing is taken). */
    Reservation reserve(String roomId, Instant now) {
        return jdbi.inTransaction(handle -> {
            PacingDao dao = handle.attach(PacingDao.class);
            dao.lock(channel);
            heard(dao, now);
            Instant earliest = earliest(dao, roomId, now);
            if (earliest.isAfter(now)) {
                return new Reservation(earliest, null);
            }
            dao.forget(channel, now.minus(kept));
            List<Long> posts = new ArrayList<>(2);
            if (!roomWindows.isEmpty()) {
                posts.add(dao.post(channel, roomId, now));
            }
            posts.add(dao.post(channel, ACCOUNT, now));
            return new Reservation(now, posts);
        });
    }

    /** The reserved post was answered now: the channel counted it at some moment before this. */
    void posted(Reservation reservation, Instant answeredAt) {
        if (reservation.granted()) {
            jdbi.useHandle(handle -> handle.attach(PacingDao.class).stamp(reservation.posts(), answeredAt));
        }
    }

    /** The slot was not used after all (another instance claimed the entry first). */
    void release(Reservation reservation) {
        if (reservation.granted()) {
            jdbi.useHandle(handle -> handle.attach(PacingDao.class).unpost(reservation.posts()));
        }
    }

    /** When a post to this room may go out: {@code now} or later (nothing is reserved). */
    Instant earliest(String roomId, Instant now) {
        return jdbi.inTransaction(handle -> earliest(handle.attach(PacingDao.class), roomId, now));
    }

    /** The channel refused a post for this room's limit. */
    void roomLimited(String roomId, Instant retryAt, Instant now) {
        block(roomId, retryAt != null ? retryAt : now.plus(longestRoomWindow));
    }

    /** The channel refused a post for the account's budget. */
    void accountLimited(Instant retryAt, Instant now) {
        block(ACCOUNT, retryAt != null ? retryAt.plus(RESET_MARGIN) : now.plus(Duration.ofMinutes(1)));
    }

    private void block(String scope, Instant until) {
        jdbi.useTransaction(handle -> handle.attach(PacingDao.class).block(channel, scope, until));
    }

    /** What this instance heard the channel announce joins what the others heard, when it is fresher. */
    private void heard(PacingDao dao, Instant now) {
        budget.get().ifPresent(announced -> dao.announced(channel, announced.remaining(), announced.reset(), now));
    }

    private Instant earliest(PacingDao dao, String roomId, Instant now) {
        Instant earliest = now;
        Instant blocked = dao.blockedUntil(channel, roomId, now);
        if (blocked != null) {
            earliest = later(earliest, blocked);
        }
        Optional<PacingDao.AnnouncedBudget> announced = dao.budget(channel);
        if (announced.isEmpty() || announced.get().budgetReset() == null) {
            // This instance may have heard one before any reservation wrote the row.
            Optional<Budget> local = budget.get();
            if (local.isPresent() && local.get().remaining() <= 0 && local.get().reset().isAfter(now)) {
                earliest = later(earliest, local.get().reset().plus(RESET_MARGIN));
            }
        } else if (announced.get().budgetReset().isAfter(now)) {
            int left = announced.get().budgetRemaining()
                    - dao.countSince(channel, ACCOUNT, announced.get().budgetSeenAt());
            if (left <= 0) {
                earliest = later(earliest, announced.get().budgetReset().plus(RESET_MARGIN));
            }
        }
        earliest = later(earliest, free(dao, roomId, roomWindows, now));
        return later(earliest, free(dao, ACCOUNT, accountWindows, now));
    }

    /** When the windows of one scope allow another post. */
    private Instant free(PacingDao dao, String scope, List<Pacing.Window> windows, Instant now) {
        Optional<Duration> longest = longest(windows);
        if (longest.isEmpty()) {
            return now;
        }
        List<Instant> sent = dao.postsSince(channel, scope, now.minus(longest.get()));
        Instant free = now;
        for (Pacing.Window window : windows) {
            List<Instant> inWindow = sent.stream().filter(at -> at.plus(window.per()).isAfter(now)).toList();
            if (inWindow.size() >= window.posts()) {
                // One more fits once enough of these have left the window.
                free = later(free, inWindow.get(inWindow.size() - window.posts()).plus(window.per()));
            }
        }
        return free;
    }

    private static Optional<Duration> longest(List<Pacing.Window> windows) {
        return windows.stream().map(Pacing.Window::per).max(Duration::compareTo);
    }

    private static Instant later(Instant a, Instant b) {
        return b.isAfter(a) ? b : a;
    }
}
