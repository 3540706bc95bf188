package dev.contractgate.config;

import java.time.Duration;
import java.util.List;

/**
 * The outbox of replies and its sender. The posting limits belong to each channel (e.g. {@code chatwork.room_post_limit}).
 *
 * @param parallelRooms how many rooms may have a send under way at once (one at a time within a room, to keep order)
 */
public record OutboxConfig(Duration pollInterval, Integer maxAttempts, Duration retryBackoff, Duration lease,
                           Integer parallelRooms) {
    public OutboxConfig {
        pollInterval = pollInterval == null ? Duration.ofSeconds(1) : pollInterval;
        maxAttempts = maxAttempts == null ? 10 : maxAttempts;
        retryBackoff = retryBackoff == null ? Duration.ofSeconds(2) : retryBackoff;
        lease = lease == null ? Duration.ofMinutes(2) : lease;
        parallelRooms = parallelRooms == null ? 4 : parallelRooms;
    }

    public static OutboxConfig defaults() {
        return new OutboxConfig(null, null, null, null, null);
    }

    void validate(String path, List<String> problems) {
        Checks.between(path + ".poll_interval", pollInterval, Duration.ofMillis(10), Duration.ofMinutes(10), problems);
        Checks.between(path + ".max_attempts", maxAttempts, 1, 100, problems);
        Checks.between(path + ".retry_backoff", retryBackoff, Duration.ofMillis(10), Duration.ofMinutes(10), problems);
        Checks.between(path + ".lease", lease, Duration.ofSeconds(5), Duration.ofHours(24), problems);
        Checks.between(path + ".parallel_rooms", parallelRooms, 1, 64, problems);
    }
}
