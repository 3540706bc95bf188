package dev.contractgate.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import dev.contractgate.chat.Budget;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The service's own metrics ({@code contractgate_*} in the Prometheus exposition), as the workers and handlers report
 * them. One instance is built in {@code Main} and handed to whoever records, by constructor; {@link #none()} records
 * nothing (tools, tests). Every name and label is listed in the README's "Metrics" section.
 */
public final class Metrics {
    /** Buckets of the latency histograms, from a fast webhook to a reply that waited out a rate limit. */
    private static final Duration[] BUCKETS = {
            Duration.ofMillis(5), Duration.ofMillis(25), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(15)};

    private final MeterRegistry registry;

    public Metrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Records nothing. */
    public static Metrics none() {
        return new Metrics(new CompositeMeterRegistry());
    }

    /** A webhook delivery verified, parsed and stored (or found to be stored already). */
    public void webhookReceived(String channel) {
        counter("contractgate.webhooks.received", "Webhook deliveries accepted (200)", "channel", channel).increment();
    }

    /**
     * A webhook delivery refused.
     *
     * @param reason {@code signature}, {@code malformed}, {@code too_large}, {@code too_slow}, {@code not_configured},
     *               {@code unavailable} or {@code other}
     */
    public void webhookRejected(String channel, String reason) {
        counter("contractgate.webhooks.rejected", "Webhook deliveries refused, by reason", "channel", channel,
                "reason", reason).increment();
    }

    /** A webhook delivery of an event that was stored before (answered 200, stored once). */
    public void webhookDuplicate(String channel) {
        counter("contractgate.webhooks.duplicates", "Webhook deliveries of an event already stored", "channel", channel)
                .increment();
    }

    /**
     * An inbox event was processed once.
     *
     * @param outcome {@code done}, {@code ignored}, {@code retry} (failed, to be tried again) or {@code failed} (given up)
     */
    public void eventProcessed(String channel, String outcome, Duration took) {
        if (outcome.equals("done") || outcome.equals("ignored")) {
            counter("contractgate.events.handled", "Inbox events handled, by outcome", "channel", channel,
                    "outcome", outcome).increment();
        } else {
            counter("contractgate.events.failed", "Inbox event processing failures; final=true when given up",
                    "channel", channel, "final", String.valueOf(outcome.equals("failed"))).increment();
        }
        timer("contractgate.event.processing", "Time to process one inbox event", channel).record(took);
    }

    /**
     * One attempt at sending an outbox entry ended.
     *
     * @param outcome {@code sent}, {@code held} (dry run), {@code retry} (not sent, tried again), {@code dead} (given
     *                up), {@code rate_limited} (a 429: waits and tries again), {@code unknown} (may have been posted:
     *                the channel settles it), {@code deferred} (the channel's quota is used up)
     */
    public void sendAttempted(String channel, String outcome) {
        counter("contractgate.sends", "Attempts at posting a reply, by outcome", "channel", channel, "outcome", outcome)
                .increment();
    }

    /** A reply was posted {@code sinceEnqueued} after it was written to the outbox. */
    public void replyDelivered(String channel, Duration sinceEnqueued) {
        timer("contractgate.reply.delivery", "Time from a reply's enqueue to its post", channel).record(sinceEnqueued);
    }

    /** A due reply was held back to keep to the channel's rate limits (counted at each look). */
    public void rateLimitWait(String channel) {
        counter("contractgate.rate.limit.waits", "Due replies held back to keep to the rate limits", "channel", channel)
                .increment();
    }

    /**
     * The channel refused a request for its rate limit (HTTP 429).
     *
     * @param scope {@code account} or {@code room}
     */
    public void rateLimited(String channel, String scope) {
        counter("contractgate.rate.limited", "Requests the channel refused with 429", "channel", channel, "scope", scope)
                .increment();
    }

    /** The catch-up found messages the webhooks had not delivered. */
    public void caughtUp(String channel, int messages) {
        counter("contractgate.catchup.messages", "Messages the catch-up found that no webhook had delivered",
                "channel", channel).increment(messages);
    }

    /** The budget a channel last announced: what is left, and the whole; NaN until it announced one. */
    public void channelBudget(String channel, Supplier<Optional<Budget>> budget) {
        Tags tags = Tags.of("channel", channel);
        gauge("contractgate.channel.budget.remaining", "Requests left in the channel's announced budget (NaN until it"
                + " announced one)", null, tags, () -> budget.get().<Number>map(Budget::remaining).orElse(Double.NaN));
        gauge("contractgate.channel.budget.limit", "The channel's announced budget per window", null, tags,
                () -> budget.get().<Number>map(Budget::limit).orElse(Double.NaN));
    }

    /** How far behind a channel's catch-up is: a message the webhooks missed is found at most about this late. */
    public void catchUpLag(String channel, Supplier<Duration> lag) {
        gauge("contractgate.catchup.lag", "Time since the least recently caught-up room was read", "seconds",
                Tags.of("channel", channel), () -> lag.get().toMillis() / 1000.0);
    }

    /** A value read when scraped; {@code value} answers NaN when it cannot tell (it must not throw). */
    public void gauge(String name, String description, String baseUnit, Tags tags, Supplier<Number> value) {
        Gauge.builder(name, value).description(description).baseUnit(baseUnit).tags(tags).strongReference(true)
                .register(registry);
    }

    /** The standard HTTP server timer ({@code http_server_requests_seconds}), one per route template. */
    public void httpRequest(String method, String uri, int status, Duration took) {
        Timer.builder("http.server.requests").description("HTTP server requests")
                .tags("method", method, "uri", uri, "status", String.valueOf(status), "outcome", outcome(status))
                .register(registry).record(took);
    }

    private static String outcome(int status) {
        if (status < 200) {
            return "INFORMATIONAL";
        }
        if (status < 300) {
            return "SUCCESS";
        }
        if (status < 400) {
            return "REDIRECTION";
        }
        return status < 500 ? "CLIENT_ERROR" : "SERVER_ERROR";
    }

    private Counter counter(String name, String description, String... tags) {
        return Counter.builder(name).description(description).tags(tags).register(registry);
    }

    private Timer timer(String name, String description, String channel) {
        return Timer.builder(name).description(description).tags("channel", channel).serviceLevelObjectives(BUCKETS)
                .register(registry);
    }
}
