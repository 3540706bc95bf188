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
        Checks.between(path + ".poll_interval", pollInterval, Duration.ofMillis(10), Duration.ofMinutes(10), problems);
        Checks.between(path + ".max_attempts", maxAttempts, 1, 100, problems);
        Checks.between(path + ".retry_backoff", retryBackoff, Duration.ofMillis(10), Duration.ofMinutes(10), problems);
        Checks.between(path + ".lease", lease, Duration.ofSeconds(5), Duration.ofHours(24), problems);
        Checks.between(path + ".room_post_limit", roomPostLimit, 1, 1000, problems);
        Checks.between(path + ".room_post_window", roomPostWindow, Duration.ofMillis(100), Duration.ofHours(1), problems);
    }
}
