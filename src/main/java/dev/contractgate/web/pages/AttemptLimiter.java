package dev.contractgate.web.pages;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most {@code limit} failed attempts per key in each fixed window (per process). Keys are client addresses: behind a TLS
 * proxy every request has the proxy's address, and the limit then holds for everyone together, which errs on the safe
 * side for what it guards (guessing links, guessing operator keys).
 */
public final class AttemptLimiter {
    private record Window(long start, int count) {
    }

    private final int limit;
    private final long windowMillis;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    public AttemptLimiter(int limit, Duration window, Clock clock) {
        this.limit = limit;
        this.windowMillis = window.toMillis();
        this.clock = clock;
    }

    /** True when the key has used up its window: refuse before even trying. */
    public boolean blocked(String key) {
        Window window = windows.get(key);
        return window != null && clock.millis() - window.start() < windowMillis && window.count() >= limit;
    }

    /** Counts a failed attempt (a wrong key, an unknown link). */
    public void failed(String key) {
        long now = clock.millis();
        if (windows.size() > 10_000) {
            windows.values().removeIf(window -> now - window.start() >= windowMillis);
        }
        windows.compute(key, (k, current) -> current == null || now - current.start() >= windowMillis
                ? new Window(now, 1) : new Window(current.start(), current.count() + 1));
    }
}
