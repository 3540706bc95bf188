package dev.contractgate.outbox;

import dev.contractgate.chat.Budget;
import dev.contractgate.chat.Pacing;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Keeps one channel's posts within its limits: the account's budget as the channel last announced it, sliding
 * windows per conversation (Chatwork: 10 posts per room in 10 s) and for the whole account, and any block the
 * channel imposed by refusing a post. Shared by the outbox's send threads.
 */
final class Pacer {
    /** Chatwork's reset time has a one-second resolution; waiting a little past it avoids an early 429. */
    private static final Duration RESET_MARGIN = Duration.ofMillis(1_000);
    private static final String ACCOUNT = "";

    private final Supplier<Optional<Budget>> budget;
    private final List<Pacing.Window> roomWindows;
    private final List<Pacing.Window> accountWindows;
    private final Duration longestRoomWindow;
    private final Map<String, Deque<Instant>> posts = new HashMap<>();
    private final Map<String, Instant> roomBlockedUntil = new HashMap<>();
    private Instant accountBlockedUntil = Instant.MIN;

    Pacer(Supplier<Optional<Budget>> budget, Pacing pacing) {
        this.budget = budget;
        this.roomWindows = pacing.perConversation();
        this.accountWindows = pacing.perAccount();
        this.longestRoomWindow = roomWindows.stream().map(Pacing.Window::per).max(Duration::compareTo)
                .orElse(Duration.ofSeconds(10));
    }

    /** When a post to this room may go out: {@code now} or later. */
    synchronized Instant earliest(String roomId, Instant now) {
        Instant earliest = later(now, accountBlockedUntil);
        Optional<Budget> announced = budget.get();
        if (announced.isPresent() && announced.get().remaining() <= 0) {
            earliest = later(earliest, announced.get().reset().plus(RESET_MARGIN));
        }
        Instant blocked = roomBlockedUntil.get(roomId);
        if (blocked != null && !blocked.isAfter(now)) {
            roomBlockedUntil.remove(roomId);
        } else if (blocked != null) {
            earliest = later(earliest, blocked);
        }
        earliest = later(earliest, free(roomId, roomWindows, now));
        return later(earliest, free(ACCOUNT, accountWindows, now));
    }

    /** When the windows of one key allow another post; forgets posts older than every window. */
    private Instant free(String key, List<Pacing.Window> windows, Instant now) {
        Deque<Instant> sent = posts.get(key);
        if (sent == null || windows.isEmpty()) {
            return now;
        }
        Duration longest = windows.stream().map(Pacing.Window::per).max(Duration::compareTo).orElseThrow();
        while (!sent.isEmpty() && !sent.peekFirst().plus(longest).isAfter(now)) {
            sent.pollFirst();
        }
        if (sent.isEmpty()) {
            posts.remove(key);
            return now;
        }
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

    /** A post to this room was attempted now (it counts whether or not it succeeded). */
    synchronized void posted(String roomId, Instant now) {
        if (!roomWindows.isEmpty()) {
            posts.computeIfAbsent(roomId, room -> new ArrayDeque<>()).addLast(now);
        }
        if (!accountWindows.isEmpty()) {
            posts.computeIfAbsent(ACCOUNT, room -> new ArrayDeque<>()).addLast(now);
        }
    }

    /** The channel refused a post for this room's limit. */
    synchronized void roomLimited(String roomId, Instant retryAt, Instant now) {
        roomBlockedUntil.put(roomId, retryAt != null ? retryAt : now.plus(longestRoomWindow));
    }

    /** The channel refused a post for the account's budget. */
    synchronized void accountLimited(Instant retryAt, Instant now) {
        accountBlockedUntil = retryAt != null ? retryAt.plus(RESET_MARGIN) : now.plus(Duration.ofMinutes(1));
    }

    private static Instant later(Instant a, Instant b) {
        return b.isAfter(a) ? b : a;
    }
}
