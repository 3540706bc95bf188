package dev.contractgate.metrics;

import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The depth of a durable queue (the inbox, the outbox) by status, and the age of its oldest pending row, read from
 * the database at most every few seconds (one query for all the gauges of a scrape).
 */
public final class QueueGauges {
    private static final Duration MAX_AGE = Duration.ofSeconds(5);

    /** What the database says of a queue: rows by status (of the statuses asked for), and the oldest pending one. */
    public record Depths(Map<String, Long> byStatus, Instant oldestPending) {
    }

    private QueueGauges() {
    }

    /**
     * Registers {@code contractgate_<queue>_<rows>{status}} and {@code contractgate_<queue>_oldest_pending_age_seconds}.
     *
     * @param rows what a row is called: {@code events}, {@code entries}
     * @param statuses the statuses to count (those that stay small: a queue's done rows only grow)
     */
    public static void register(Metrics metrics, String queue, String rows, List<String> statuses, Supplier<Depths> read,
                                Clock clock) {
        Snapshot<Depths> depths = new Snapshot<>(read, MAX_AGE, clock);
        for (String status : statuses) {
            metrics.gauge("contractgate." + queue + "." + rows, "Rows of the " + queue + " by status", null,
                    Tags.of("status", status), () -> {
                        Depths now = depths.get();
                        return now == null ? Double.NaN : now.byStatus().getOrDefault(status, 0L);
                    });
        }
        metrics.gauge("contractgate." + queue + ".oldest.pending.age", "Age of the oldest pending row of the " + queue
                + " (0 when none is pending)", "seconds", Tags.empty(), () -> {
                    Depths now = depths.get();
                    if (now == null) {
                        return Double.NaN;
                    }
                    return now.oldestPending() == null ? 0
                            : Math.max(0, Duration.between(now.oldestPending(), clock.instant()).toMillis() / 1000.0);
                });
    }
}
