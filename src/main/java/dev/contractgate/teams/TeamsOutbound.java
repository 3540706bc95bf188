package dev.contractgate.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contractgate.chat.Budget;
import dev.contractgate.chat.ChannelReadException;
import dev.contractgate.chat.Delivery;
import dev.contractgate.chat.Members;
import dev.contractgate.chat.Outbound;
import dev.contractgate.chat.Outgoing;
import dev.contractgate.chat.Pacing;
import dev.contractgate.chat.SendException;
import dev.contractgate.chat.Settlement;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Teams with the bot's credentials: replies through the Connector, in the thread of the activity they answer when
 * there is one, to the service URL the room's latest activity named. The Connector cannot be read back, so a reply
 * whose send had an unknown outcome is sent once more at most (at most one duplicate). A 429 or 412 is a known
 * non-send: the conversation waits (the {@code Retry-After}, else a backoff with jitter) and other rooms go on.
 */
final class TeamsOutbound implements Outbound {
    /** Teams' published limits per bot and conversation, and per bot. */
    static final Pacing PACING = new Pacing(
            List.of(new Pacing.Window(7, Duration.ofSeconds(1)), new Pacing.Window(8, Duration.ofSeconds(2)),
                    new Pacing.Window(60, Duration.ofSeconds(30)), new Pacing.Window(1800, Duration.ofHours(1))),
            List.of(new Pacing.Window(50, Duration.ofSeconds(1))));
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

    private final TeamsConnectorClient connector;
    private final TeamsReferences references;
    private final ObjectMapper json;
    private final Clock clock;
    private final Map<String, Integer> refusedInARow = new ConcurrentHashMap<>();

    TeamsOutbound(TeamsConnectorClient connector, ObjectMapper json, Clock clock) {
        this.connector = connector;
        this.references = new TeamsReferences(json);
        this.json = json;
        this.clock = clock;
    }

    @Override
    public boolean dryRun() {
        return false;
    }

    /**
     * The conversation's members from the Connector. A failed read is a {@link ChannelReadException}: gone on 403 or
     * 404 (the bot was removed), else unavailable (no answer, 401, 429, 5xx, an answer that is not JSON). A service
     * URL off the allow-list is never sent the token: the room is then the roster of who has spoken.
     */
    @Override
    public Members members(String roomId, String conversation) {
        if (conversation == null) {
            throw new ChannelReadException(ChannelReadException.Kind.UNAVAILABLE, null,
                    "no activity from Teams conversation " + roomId + " yet: its service URL is unknown", null);
        }
        TeamsReferences.Conversation room = references.read(conversation, TeamsReferences.Conversation.class);
        try {
            return new Members.Listed(connector.members(room.serviceUrl(), room.conversationId()));
        } catch (IllegalArgumentException e) {
            return new Members.Unlisted(e.getMessage());
        } catch (TeamsException e) {
            throw toReadException(e);
        }
    }

    private ChannelReadException toReadException(TeamsException e) {
        if (!e.tokenEndpoint() && (e.status() == 403 || e.status() == 404)) {
            return new ChannelReadException(ChannelReadException.Kind.GONE, null, e.getMessage(), e);
        }
        Instant notBefore = e.retryAfterSeconds() == null ? null : clock.instant().plusSeconds(e.retryAfterSeconds());
        return new ChannelReadException(ChannelReadException.Kind.UNAVAILABLE, notBefore, e.getMessage(), e);
    }

    @Override
    public Delivery post(Outgoing message) {
        if (message.conversation() == null) {
            throw new SendException(SendException.Kind.PERMANENT, null, "no activity from Teams conversation "
                    + message.roomId() + " was ever received: nowhere to post", null);
        }
        TeamsReferences.Conversation room = references.read(message.conversation(), TeamsReferences.Conversation.class);
        TeamsReferences.Thread thread = message.replyHandle() == null ? null
                : references.read(message.replyHandle().value(), TeamsReferences.Thread.class);
        String conversationId = thread != null ? thread.conversationId() : room.conversationId();
        ObjectNode activity = activity(message, room, conversationId, thread);
        try {
            String id = connector.send(room.serviceUrl(), conversationId, thread == null ? null : thread.activityId(), activity);
            refusedInARow.remove(message.roomId());
            return new Delivery.Sent(id.isEmpty() ? "unknown" : id);
        } catch (IllegalArgumentException e) {
            throw new SendException(SendException.Kind.PERMANENT, null, e.getMessage(), e);
        } catch (TeamsException e) {
            throw toSendException(message.roomId(), e);
        }
    }

    private ObjectNode activity(Outgoing message, TeamsReferences.Conversation room, String conversationId,
                                TeamsReferences.Thread thread) {
        ObjectNode activity = json.createObjectNode().put("type", "message");
        ObjectNode from = activity.putObject("from").put("id", room.botId());
        if (room.botName() != null) {
            from.put("name", room.botName());
        }
        activity.putObject("conversation").put("id", conversationId);
        activity.put("text", message.body());
        activity.put("textFormat", TeamsNotation.TEXT_FORMAT);
        if (thread != null) {
            activity.put("replyToId", thread.activityId());
        }
        if (message.payload() != null) {
            try {
                JsonNode payload = json.readTree(message.payload());
                if (payload.has("textFormat")) {
                    activity.set("textFormat", payload.get("textFormat"));
                }
                if (payload.has("entities")) {
                    activity.set("entities", payload.get("entities"));
                }
            } catch (IOException e) {
                throw new SendException(SendException.Kind.PERMANENT, null, "the stored payload is not JSON", e);
            }
        }
        return activity;
    }

    private SendException toSendException(String roomId, TeamsException e) {
        if (e.status() == 429 || e.status() == 412) {
            int inARow = refusedInARow.merge(roomId, 1, Integer::sum);
            Instant retryAt = clock.instant().plus(e.retryAfterSeconds() != null
                    ? Duration.ofSeconds(Math.min(e.retryAfterSeconds(), MAX_BACKOFF.toSeconds()))
                    : backoff(inARow));
            return new SendException(SendException.Kind.ROOM_RATE_LIMITED, retryAt, e.getMessage(), e);
        }
        if (e.tokenEndpoint() || e.status() == 401 || !e.maybeReceived() && e.status() == 0) {
            return new SendException(SendException.Kind.TRANSIENT, null, e.getMessage(), e);
        }
        if (e.maybeReceived()) {
            return new SendException(SendException.Kind.UNKNOWN_OUTCOME, null, e.getMessage(), e);
        }
        return new SendException(SendException.Kind.PERMANENT, null, e.getMessage(), e);
    }

    /** 1 s, 2 s, 4 s … up to a minute, with jitter over the upper half. */
    static Duration backoff(int inARow) {
        long cap = Math.min(MAX_BACKOFF.toMillis(), 1000L << Math.min(inARow - 1, 16));
        return Duration.ofMillis(cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1));
    }

    /** The Connector cannot be read back. */
    @Override
    public Settlement settle(Outgoing message) {
        return Settlement.UNKNOWABLE;
    }

    @Override
    public Pacing pacing() {
        return PACING;
    }

    @Override
    public Optional<Budget> budget() {
        return Optional.empty();
    }
}
