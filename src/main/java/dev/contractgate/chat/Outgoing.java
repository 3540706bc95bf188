package dev.contractgate.chat;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A reply as the outbox hands it to its channel.
 *
 * @param id the outbox entry's id
 * @param body and {@code payload}: as {@link Channel#render} wrote them
 * @param replyHandle the handle of the event it answers, or null
 * @param idempotencyKey unique per outbox entry and the same on every attempt (LINE: {@code X-Line-Retry-Key})
 * @param conversation what the channel stored from the room's events to post there later (Teams: the service URL,
 *                     tenant and bot), or null when it stored nothing
 * @param createdAt when the reply was promised
 */
public record Outgoing(long id, String channel, String roomId, String kind, String body, String payload,
                       List<String> addressees, ReplyHandle replyHandle, String idempotencyKey, String conversation,
                       Instant createdAt) {
    public Outgoing {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(body, "body");
        addressees = List.copyOf(addressees);
    }
}
