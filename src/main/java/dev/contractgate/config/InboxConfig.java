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
        if (pollInterval.toMillis() < 10 || pollInterval.toMinutes() > 10) {
            problems.add(path + ".poll_interval: must be between 10ms and 10m, got " + Durations.format(pollInterval));
        }
        if (maxAttempts < 1 || maxAttempts > 100) {
            problems.add(path + ".max_attempts: must be between 1 and 100, got " + maxAttempts);
        }
        if (lease.toSeconds() < 5 || lease.toHours() > 24) {
            problems.add(path + ".lease: must be between 5s and 24h, got " + Durations.format(lease));
        }
    }
}
