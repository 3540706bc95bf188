package dev.contractgate.web;

import dev.contractgate.chat.Channel;
import dev.contractgate.chat.ChannelMode;
import dev.contractgate.chat.Channels;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * What {@code GET /ready} checks: the database answers and every channel that is on can act on events. A channel
 * that is off (no inbound secret) is not waited for; a dry run is ready and says so in the details.
 */
public final class Readiness {
    private final BooleanSupplier databaseUp;
    private final Channels channels;

    public Readiness(BooleanSupplier databaseUp, Channels channels) {
        this.databaseUp = databaseUp;
        this.channels = channels;
    }

    /** Each check by name: {@code ok}, or what is missing. */
    public Map<String, String> checks() {
        Map<String, String> checks = new LinkedHashMap<>();
        checks.put("database", databaseUp.getAsBoolean() ? "ok" : "the database does not answer");
        for (Channel channel : channels.all()) {
            if (channel.mode() != ChannelMode.OFF) {
                checks.put(channel.name(), channel.notReadyReason().orElse("ok"));
            }
        }
        return checks;
    }

    /** What each channel reports about itself, by name (its mode, whether it is a dry run). */
    public Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        for (Channel channel : channels.all()) {
            details.put(channel.name(), channel.details());
        }
        return details;
    }
}
