package dev.contractgate.outbox;

import java.util.Objects;

/**
 * A reply to store.
 *
 * @param addressees comma-separated account ids
 * @param cooldownKey what the reply counts against for cooldowns: the kind, or the kind and an application
 */
public record NewOutboxEntry(String channel, String roomId, String kind, String body, String addressees,
                             String cooldownKey, String triggerRule, String triggerMessageId, String triggerMatch) {
    public NewOutboxEntry {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(addressees, "addressees");
        Objects.requireNonNull(cooldownKey, "cooldownKey");
    }
}
