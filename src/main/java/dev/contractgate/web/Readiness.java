package dev.contractgate.web;

import dev.contractgate.chat.Channel;
import dev.contractgate.chat.ChannelState;
import dev.contractgate.chat.Channels;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * What {@code GET /ready} answers: ready when the database answers and every channel that is on is working or runs
 * dry. {@code checks} holds {@code ok} or why not for the database and each channel that is on; {@code details} holds
 * each channel's state (a dry run says {@code "dry_run": true} and what it cannot do), budgets and catch-up lag.
 */
public final class Readiness {
    /** The answer: {@code status} is {@code ready} or {@code not_ready}. */
    public record Report(String status, Map<String, String> checks, Map<String, Object> details) {
        public boolean ready() {
            return "ready".equals(status);
        }
    }

    private final BooleanSupplier databaseUp;
    private final Channels channels;

    public Readiness(BooleanSupplier databaseUp, Channels channels) {
        this.databaseUp = databaseUp;
        this.channels = channels;
    }

    public Report report() {
        Map<String, String> checks = new LinkedHashMap<>();
        Map<String, Object> details = new LinkedHashMap<>();
        checks.put("database", databaseUp.getAsBoolean() ? "ok" : "the database does not answer");
        for (Channel channel : channels.all()) {
            ChannelState state = channel.state();
            if (state.counts()) {
                checks.put(channel.name(), state.ok() ? "ok" : state.problem() == null ? "not working" : state.problem());
            }
            Map<String, Object> about = new LinkedHashMap<>();
            about.put("state", state.mode().id());
            about.putAll(state.details());
            details.put(channel.name(), about);
        }
        boolean ready = checks.values().stream().allMatch("ok"::equals);
        return new Report(ready ? "ready" : "not_ready", checks, details);
    }
}
