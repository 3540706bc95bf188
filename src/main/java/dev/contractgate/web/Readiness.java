package dev.contractgate.web;

import dev.contractgate.chat.Channel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** What {@code GET /ready} checks: the database answers and every channel is initialised. */
public final class Readiness {
    private final BooleanSupplier databaseUp;
    private final List<Channel> channels;

    public Readiness(BooleanSupplier databaseUp, List<Channel> channels) {
        this.databaseUp = databaseUp;
        this.channels = List.copyOf(channels);
    }

    /** Each check by name: {@code ok}, or what is missing. */
    public Map<String, String> checks() {
        Map<String, String> checks = new LinkedHashMap<>();
        checks.put("database", databaseUp.getAsBoolean() ? "ok" : "the database does not answer");
        for (Channel channel : channels) {
            checks.put(channel.name(), channel.notReadyReason().orElse("ok"));
        }
        return checks;
    }
}
