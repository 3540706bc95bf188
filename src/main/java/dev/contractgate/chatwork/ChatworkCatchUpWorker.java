package dev.contractgate.chatwork;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.contractgate.chat.Budget;
import dev.contractgate.config.ChatworkConfig;
import dev.contractgate.inbox.InboxAppendWorker;
import dev.contractgate.inbox.NewInboxEvent;
import dev.contractgate.work.PollingWorker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Catches up on what the webhooks missed. Chatwork never re-sends a failed delivery (chatwork.md, "Webhooks"), so
 * this reads the latest messages of the bot's rooms ({@code GET /rooms/{id}/messages?force=1}) and stores each one
 * in the inbox as the webhook would have delivered it; the inbox keeps one copy of each, so a message the webhook
 * did deliver is not handled twice. It reads the least recently read rooms first, a few per pass, and yields when
 * the account's budget runs low, so replies keep their share.
 */
public final class ChatworkCatchUpWorker extends PollingWorker {
    private static final Logger log = LoggerFactory.getLogger(ChatworkCatchUpWorker.class);

    private final ChatworkChannel channel;
    private final ChatworkClient client;
    private final InboxAppendWorker inbox;
    private final ObjectMapper json;
    private final Function<String, Optional<Instant>> lastSeen;
    private final ChatworkConfig config;
    private final Clock clock;
    private final Map<String, Instant> lastRead = new HashMap<>();
    private volatile Standing standing = new Standing(null, null, null, 0, 0);

    /**
     * How far catch-up has got, for {@code /ready}.
     *
     * @param behindSince when passes started to be skipped or cut short, or null while catch-up keeps up
     * @param reason why it is behind, or null
     */
    private record Standing(Instant lastPassAt, Instant behindSince, String reason, int rooms, int roomsRead) {
    }

    /** @param lastSeen when the bot last handled a message in a room, or empty for a room it never saw */
    public ChatworkCatchUpWorker(ChatworkChannel channel, ChatworkClient client, InboxAppendWorker inbox, ObjectMapper json,
                                 Function<String, Optional<Instant>> lastSeen, ChatworkConfig config, Clock clock) {
        super("chatwork-catch-up", config.catchUpInterval());
        this.channel = channel;
        this.client = client;
        this.inbox = inbox;
        this.json = json;
        this.lastSeen = lastSeen;
        this.config = config;
        this.clock = clock;
    }

    @Override
    protected Duration pass() {
        catchUp();
        return config.catchUpInterval();
    }

    /** One pass; returns how many missed messages were stored. */
    public int catchUp() {
        Optional<String> bot = channel.botAccountId();
        if (bot.isEmpty()) {
            return 0;
        }
        if (budgetLow()) {
            behind(budgetReason(), standing.rooms(), 0);
            return 0;
        }
        List<ChatworkClient.Room> rooms;
        try {
            rooms = client.rooms();
        } catch (ChatworkException e) {
            log.warn("chatwork catch-up: cannot list the rooms: {}", e.getMessage());
            behind("GET /rooms failed: " + e.getMessage(), standing.rooms(), 0);
            return 0;
        }
        int stored = 0;
        List<ChatworkClient.Room> due = rooms.stream()
                .filter(room -> !"my".equals(room.type()))
                .sorted(Comparator.comparing(room -> lastRead.getOrDefault(room.roomId(), Instant.MIN)))
                .limit(config.catchUpRoomsPerPass())
                .toList();
        int read = 0;
        boolean cutShort = false;
        for (ChatworkClient.Room room : due) {
            if (closing()) {
                break;
            }
            if (budgetLow()) {
                cutShort = true;
                break;
            }
            try {
                stored += catchUp(room.roomId(), bot.get());
            } catch (ChatworkException e) {
                log.warn("chatwork catch-up: room {}: {}", room.roomId(), e.getMessage());
            }
            lastRead.put(room.roomId(), clock.instant());
            read++;
        }
        int roomCount = (int) rooms.stream().filter(room -> !"my".equals(room.type())).count();
        if (cutShort) {
            behind(budgetReason(), roomCount, read);
        } else {
            keptUp(roomCount, read);
        }
        return stored;
    }

    /** Catch-up's standing for {@code /ready}: {@code catch_up} with its state, and why when it is behind. */
    public Map<String, Object> status() {
        Standing now = standing;
        Map<String, Object> catchUp = new LinkedHashMap<>();
        catchUp.put("state", now.behindSince() == null ? "keeping_up" : "behind");
        if (now.behindSince() != null) {
            catchUp.put("behind_since", now.behindSince().toString());
            catchUp.put("reason", now.reason());
        }
        catchUp.put("last_pass_at", now.lastPassAt() == null ? null : now.lastPassAt().toString());
        catchUp.put("rooms", now.rooms());
        catchUp.put("rooms_read_last_pass", now.roomsRead());
        catchUp.put("rooms_per_pass", config.catchUpRoomsPerPass());
        catchUp.put("interval", dev.contractgate.config.Durations.format(config.catchUpInterval()));
        return Map.of("catch_up", catchUp);
    }

    private void behind(String reason, int rooms, int read) {
        Standing before = standing;
        Instant now = clock.instant();
        standing = new Standing(now, before.behindSince() == null ? now : before.behindSince(), reason, rooms, read);
        if (before.behindSince() == null) {
            log.warn("chatwork catch-up: behind: {}; deliveries Chatwork could not make (the bot was down, the network"
                    + " broke) are read late until it recovers", reason);
        }
    }

    private void keptUp(int rooms, int read) {
        Standing before = standing;
        standing = new Standing(clock.instant(), null, null, rooms, read);
        if (before.behindSince() != null) {
            log.info("chatwork catch-up: keeping up again (behind since {})", before.behindSince());
        }
    }

    private String budgetReason() {
        Budget budget = channel.outbound().budget().orElseThrow();
        return "the account's API budget is below half (" + budget.remaining() + " of " + budget.limit()
                + " calls left until " + budget.reset() + "): catch-up yields so replies keep their share";
    }

    private int catchUp(String roomId, String botAccountId) {
        Instant now = clock.instant();
        // A room the bot never saw: only what came since the last pass, not the history from before it joined.
        Instant oldest = lastSeen.apply(roomId).isPresent()
                ? now.minus(config.catchUpMaxAge())
                : now.minus(config.catchUpInterval().multipliedBy(2));
        int stored = 0;
        for (ChatworkClient.Message message : client.latestMessages(roomId)) {
            if (message.accountId().equals(botAccountId) || Instant.ofEpochSecond(message.sendTime()).isBefore(oldest)) {
                continue;
            }
            String type = message.updateTime() > 0 ? ChatworkPayloads.MESSAGE_UPDATED : ChatworkPayloads.MESSAGE_CREATED;
            if (inbox.append(NewInboxEvent.pending(ChatworkChannel.NAME, type, message.messageId(), message.updateTime(),
                    roomId, payload(type, roomId, message, now)))) {
                stored++;
            }
        }
        if (stored > 0) {
            log.info("chatwork catch-up: room {}: {} message(s) the webhook did not deliver", roomId, stored);
        }
        return stored;
    }

    /** The message as a webhook delivery, so the rest of the service handles it like any other. */
    private String payload(String type, String roomId, ChatworkClient.Message message, Instant now) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("message_id", message.messageId());
        event.put("room_id", Long.parseLong(roomId));
        event.put("account_id", Long.parseLong(message.accountId()));
        event.put("body", message.body());
        event.put("send_time", message.sendTime());
        event.put("update_time", message.updateTime());
        Map<String, Object> delivery = new LinkedHashMap<>();
        delivery.put("webhook_setting_id", "0");
        delivery.put("webhook_event_type", type);
        delivery.put("webhook_event_time", now.getEpochSecond());
        delivery.put("webhook_event", event);
        try {
            return json.writeValueAsString(delivery);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Less than half the account's budget left: leave it to the replies. */
    private boolean budgetLow() {
        Optional<Budget> budget = channel.outbound().budget();
        return budget.isPresent() && budget.get().remaining() < budget.get().limit() / 2
                && clock.instant().isBefore(budget.get().reset());
    }
}
