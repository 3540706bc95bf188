package dev.contractgate.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * A value that is costly to read (a database query), read at most once per {@code maxAge} however many gauges ask for
 * it during one scrape. A failed read is remembered as {@code null} for the same time, so a database that is down does
 * not slow the scrape down.
 */
public final class Snapshot<T> {
    private final Supplier<T> read;
    private final Duration maxAge;
    private final Clock clock;
    private T value;
    private Instant readAt = Instant.MIN;

    public Snapshot(Supplier<T> read, Duration maxAge, Clock clock) {
        this.read = read;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /** The value as of at most {@code maxAge} ago, or null when it could not be read. */
    public synchronized T get() {
        Instant now = clock.instant();
        if (readAt.plus(maxAge).isBefore(now) || readAt.isAfter(now)) {
            try {
                value = read.get();
            } catch (RuntimeException e) {
                value = null;
            }
            readAt = now;
        }
        return value;
    }
}
