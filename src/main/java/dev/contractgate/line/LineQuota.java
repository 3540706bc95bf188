package dev.contractgate.line;

import dev.contractgate.config.LineConfig;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The account's monthly push quota, as LINE last reported it (read again every {@code refresh}) plus what this
 * process pushed since. Replies through a reply token are free and never counted here. When the quota runs low the
 * pushes left are shared out in the configured order: the first kind may push to the last message, each later kind
 * stops a little earlier, and a kind not listed stops as soon as the quota is low.
 */
final class LineQuota {
    /** LINE counts the month in Japan time. */
    private static final ZoneId LINE_MONTH = ZoneId.of("Asia/Tokyo");

    /** What a push may do now. */
    sealed interface Decision permits Allowed, Deferred, Unreadable {
    }

    record Allowed() implements Decision {
    }

    /** Not now: the quota is spent, or kept for kinds that matter more; look again at {@code until}. */
    record Deferred(String reason, Instant until) implements Decision {
    }

    /** The quota could not be read and was never read: nothing is decided on it. */
    record Unreadable(String reason) implements Decision {
    }

    private final Supplier<LineClient.Quota> reader;
    private final LineConfig.Quota config;
    private final Clock clock;
    private LineClient.Quota read;
    private Instant readAt;
    private long pushedSince;
    private String lastProblem;

    LineQuota(Supplier<LineClient.Quota> reader, LineConfig.Quota config, Clock clock) {
        this.reader = reader;
        this.config = config;
        this.clock = clock;
    }

    /** Whether a push of {@code kind} that costs {@code cost} messages (one per recipient) may go now. */
    synchronized Decision decide(String kind, long cost) {
        Instant now = clock.instant();
        refreshIfDue(now);
        if (read == null) {
            return new Unreadable("the message quota could not be read: " + lastProblem);
        }
        if (read.limit() == null) {
            return new Allowed();
        }
        long remaining = remaining();
        Instant recheck = earlier(now.plus(config.recheck()), nextMonth(now));
        if (remaining < cost) {
            return new Deferred("the monthly message quota is used up (" + used() + " of " + read.limit() + ")", recheck);
        }
        long floor = floor(kind);
        if (remaining - cost < floor) {
            int rank = rank(kind);
            List<String> before = config.priorities().subList(0, rank < 0 ? config.priorities().size() : rank);
            return new Deferred("the message quota is low (" + remaining + " left): what is left is kept for "
                    + String.join(", ", before) + " (line.quota.priorities)", recheck);
        }
        return new Allowed();
    }

    /** A push was accepted: it counts until the next reading. */
    synchronized void pushed(long cost) {
        pushedSince += cost;
    }

    /**
     * How many pushes a kind must leave for the kinds before it: none for the first, up to {@code low} for the last
     * listed; {@code low} for a kind not listed.
     */
    private long floor(String kind) {
        int rank = rank(kind);
        List<String> priorities = config.priorities();
        if (rank < 0 || priorities.isEmpty()) {
            return config.low();
        }
        return (long) config.low() * rank / priorities.size();
    }

    private int rank(String kind) {
        return config.priorities().indexOf(kind);
    }

    private void refreshIfDue(Instant now) {
        if (readAt != null && now.isBefore(readAt.plus(config.refresh()))) {
            return;
        }
        try {
            read = reader.get();
            readAt = now;
            pushedSince = 0;
            lastProblem = null;
        } catch (LineException e) {
            lastProblem = e.getMessage();
            // The last reading (and what was pushed since) still stands; try again on the next push.
        }
    }

    private long used() {
        return read.used() + pushedSince;
    }

    private long remaining() {
        return Math.max(0, read.limit() - used());
    }

    private static Instant nextMonth(Instant now) {
        ZonedDateTime local = now.atZone(LINE_MONTH);
        return local.with(TemporalAdjusters.firstDayOfNextMonth()).toLocalDate().atStartOfDay(LINE_MONTH).toInstant();
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /** For {@code /ready} and the metrics: the limit, what is used, what is left (unknown until read). */
    synchronized Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        if (read == null) {
            details.put("quota", "not read yet" + (lastProblem == null ? "" : ": " + lastProblem));
            return details;
        }
        details.put("quota_limit", read.limit() == null ? "none" : read.limit());
        details.put("quota_used", used());
        if (read.limit() != null) {
            details.put("quota_remaining", remaining());
            details.put("quota_low", remaining() <= config.low());
        }
        details.put("quota_read_at", readAt.toString());
        details.put("quota_priorities", config.priorities());
        return details;
    }

    /** The figures for the metrics, NaN where unknown. */
    synchronized Number limit() {
        return read == null || read.limit() == null ? Double.NaN : read.limit();
    }

    synchronized Number usedNow() {
        return read == null ? Double.NaN : used();
    }

    synchronized Number remainingNow() {
        return read == null || read.limit() == null ? Double.NaN : remaining();
    }

    /** Reads the quota now if it was never read (at start, so {@code /ready} shows it). */
    synchronized void readIfNeverRead() {
        if (read == null) {
            refreshIfDue(clock.instant());
        }
    }
}
