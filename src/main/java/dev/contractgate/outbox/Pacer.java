package dev.contractgate.outbox;

import dev.contractgate.chat.Budget;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Keeps one channel's posts within its limits: the account's budget as the channel last announced it, and a
 * sliding window per room (Chatwork: 10 posts per 10 seconds). Used by the single outbox thread only.
 */
final class Pacer {
    /** Chatwork's reset time has a one-second resolution; waiting a little past it avoids an early 429. */
    private static final Duration RESET_MARGIN = Duration.ofMillis(1_000);

    private final Supplier<Optional<Budget>> budget;
    private final int roomLimit;
    private final Duration roomWindow;
    private final Map<String, Deque<Instant>> roomPosts = new HashMap<>();
    private final Map<String, Instant> roomBlockedUntil = new HashMap<>();
    private Instant accountBlockedUntil = Instant.MIN;

    Pacer(Supplier<Optional<Budget>> budget, int roomLimit, Duration roomWindow) {
        this.budget = budget;
        this.roomLimit = roomLimit;
        this.roomWindow = roomWindow;
    }

    /** When a post to this room may go out: {@code now} or later. */
    Instant earliest(String roomId, Instant now) {
        Instant earliest = now;
        if (accountBlockedUntil.isAfter(earliest)) {
            earliest = accountBlockedUntil;
        }
        Optional<Budget> announced = budget.get();
        if (announced.isPresent() && announced.get().remaining() <= 0) {
            Instant reset = announced.get().reset().plus(RESET_MARGIN);
            if (reset.isAfter(earliest)) {
                earliest = reset;
            }
        }
        Instant blocked = roomBlockedUntil.get(roomId);
        if (blocked != null && !blocked.isAfter(now)) {
            roomBlockedUntil.remove(roomId);
        } else if (blocked != null && blocked.isAfter(earliest)) {
            earliest = blocked;
        }
        Deque<Instant> posts = roomPosts.get(roomId);
        if (posts != null) {
            while (!posts.isEmpty() && !posts.peekFirst().plus(roomWindow).isAfter(now)) {
                posts.pollFirst();
            }
            if (posts.size() >= roomLimit) {
                Instant free = posts.peekFirst().plus(roomWindow);
                if (free.isAfter(earliest)) {
                    earliest = free;
                }
            }
            if (posts.isEmpty()) {
                roomPosts.remove(roomId);
            }
        }
        return earliest;
    }

    /** A post to this room was attempted now (it counts whether or not it succeeded). */
    void posted(String roomId, Instant now) {
        roomPosts.computeIfAbsent(roomId, room -> new ArrayDeque<>()).addLast(now);
    }

    /** The channel refused a post for this room's limit. */
    void roomLimited(String roomId, Instant now) {
        roomBlockedUntil.put(roomId, now.plus(roomWindow));
    }

    /** The channel refused a post for the account's budget. */
    void accountLimited(Instant retryAt, Instant now) {
        accountBlockedUntil = retryAt != null ? retryAt.plus(RESET_MARGIN) : now.plus(Duration.ofMinutes(1));
    }
}
