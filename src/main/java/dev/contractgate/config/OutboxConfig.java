package dev.contractgate.config;

import java.time.Duration;
import java.util.List;

/** The outbox of replies and its sender. */
public record OutboxConfig(Duration pollInterval, Integer maxAttempts, Duration retryBackoff, Duration lease,
                           Integer roomPostLimit, Duration roomPostWindow) {
    public OutboxConfig {
        pollInterval = pollInterval == null ? Duration.ofSeconds(1) : pollInterval;
        maxAttempts = maxAttempts == null ? 10 : maxAttempts;
        retryBackoff = retryBackoff == null ? Duration.ofSeconds(2) : retryBackoff;
        lease = lease == null ? Duration.ofMinutes(2) : lease;
        roomPostLimit = roomPostLimit == null ? 10 : roomPostLimit;
        roomPostWindow = roomPostWindow == null ? Duration.ofSeconds(10) : roomPostWindow;
    }

    void validate(String path, List<String> problems) {
        if (pollInterval.toMillis() < 10 || pollInterval.toMinutes() > 10) {
            problems.add(path + ".poll_interval: must be between 10ms and 10m, got " + Durations.format(pollInterval));
        }
        if (maxAttempts < 1 || maxAttempts > 100) {
            problems.add(path + ".max_attempts: must be between 1 and 100, got " + maxAttempts);
        }
        if (retryBackoff.toMillis() < 10 || retryBackoff.toMinutes() > 10) {
            problems.add(path + ".retry_backoff: must be between 10ms and 10m, got " + Durations.format(retryBackoff));
        }
        if (lease.toSeconds() < 5 || lease.toHours() > 24) {
            problems.add(path + ".lease: must be between 5s and 24h, got " + Durations.format(lease));
        }
        if (roomPostLimit < 1 || roomPostLimit > 1000) {
            problems.add(path + ".room_post_limit: must be between 1 and 1000, got " + roomPostLimit);
        }
        if (roomPostWindow.toMillis() < 100 || roomPostWindow.toHours() > 1) {
            problems.add(path + ".room_post_window: must be between 100ms and 1h, got " + Durations.format(roomPostWindow));
        }
    }
}
