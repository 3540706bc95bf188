package dev.contractgate.config;

import java.time.Duration;
import java.util.List;

/** The durable inbox of received events and its worker. */
public record InboxConfig(Duration pollInterval, Integer maxAttempts, Duration lease) {
    public InboxConfig {
        pollInterval = pollInterval == null ? Duration.ofSeconds(1) : pollInterval;
        maxAttempts = maxAttempts == null ? 5 : maxAttempts;
        lease = lease == null ? Duration.ofMinutes(2) : lease;
    }

    void validate(String path, List<String> problems) {
        Checks.between(path + ".poll_interval", pollInterval, Duration.ofMillis(10), Duration.ofMinutes(10), problems);
        Checks.between(path + ".max_attempts", maxAttempts, 1, 100, problems);
        Checks.between(path + ".lease", lease, Duration.ofSeconds(5), Duration.ofHours(24), problems);
    }
}
