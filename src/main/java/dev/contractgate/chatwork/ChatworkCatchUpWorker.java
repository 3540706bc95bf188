package dev.contractgate.chatwork;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.contractgate.chat.Budget;
import dev.contractgate.chat.RoomMarks;
import dev.contractgate.config.ChatworkConfig;
import dev.contractgate.inbox.InboxAppendWorker;
import dev.contractgate.inbox.NewInboxEvent;
import dev.contractgate.metrics.Metrics;
import dev.contractgate.work.PollingWorker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
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
 * did deliver is not handled twice.
 *
 * <p>A pass costs one call to list the rooms plus one per room that changed: {@code GET /rooms} gives each room's
 * {@code last_update_time}, and a room is read only when that moved past the value it had when the bot last read it
 * (kept in the database, so a restart does not read every room again). A room Chatwork gives no time for is read in
 * turn. Of the changed rooms, the least recently read go first, at most {@code catch_up_rooms_per_pass} per pass, and
 * the pass yields when the account's budget runs low, so replies keep their share.
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
    private final Metrics metrics;
    private final RoomMarks marks;
    private final Instant startedAt;
    private volatile Instant caughtUpAt;
    private volatile Standing standing = new Standing(null, null, null, 0, 0, 0);

    /**
     * How far catch-up has got, for {@code /ready}.
     *
     * @param behindSince when passes started to be skipped or cut short, or null while catch-up keeps up
     * @param reason why it is behind, or null
     */
    private record Standing(Instant lastPassAt, Instant behindSince, String reason, int rooms, int roomsChanged,
                            int roomsRead) {
    }

    /**
     * @param lastSeen when the bot last handled a message in a room, or empty for a room it never saw
     * @param marks each room's {@code last_update_time} when it was last read
     */
    public ChatworkCatchUpWorker(ChatworkChannel channel, ChatworkClient client, InboxAppendWorker inbox, ObjectMapper json,
                                 Function<String, Optional<Instant>> lastSeen, RoomMarks marks, ChatworkConfig config,
                                 Clock clock, Metrics metrics) {
        super("chatwork-catch-up", config.catchUpInterval());
        this.channel = channel;
        this.client = client;
        this.inbox = inbox;
        this.json = json;
        this.lastSeen = lastSeen;
        this.config = config;
        this.clock = clock;
        this.metrics = metrics;
        this.marks = marks;
        this.startedAt = clock.instant();
    }

    /**
     * How far behind the catch-up is: the time since the start of the last pass that read every room that had
     * changed (since the start, before the first such pass). A message the webhooks missed is found at most about
     * this late, plus one interval.
     */
    public Duration lag() {
        Instant since = caughtUpAt == null ? startedAt : caughtUpAt;
        return Duration.between(since, clock.instant());
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
            behind(budgetReason(), standing.rooms(), standing.roomsChanged(), 0);
            return 0;
        }
        Instant passStart = clock.instant();
        List<ChatworkClient.Room> rooms;
        try {
            rooms = client.rooms().stream().filter(room -> !"my".equals(room.type())).toList();
        } catch (ChatworkException e) {
            log.warn("chatwork catch-up: cannot list the rooms: {}", e.getMessage());
            behind("GET /rooms failed: " + e.getMessage(), standing.rooms(), standing.roomsChanged(), 0);
            return 0;
        }
        Map<String, RoomMarks.Mark> read = marks.marks(ChatworkChannel.NAME);
        List<ChatworkClient.Room> changed = new ArrayList<>();
        Map<String, Long> quiet = new LinkedHashMap<>();
        for (ChatworkClient.Room room : rooms) {
            RoomMarks.Mark mark = read.get(room.roomId());
            if (room.lastUpdateTime() > 0 && mark != null && !movedSince(room.lastUpdateTime(), mark)) {
                continue; // nothing happened there since it was read
            }
            if (room.lastUpdateTime() > 0 && mark == null && !Instant.ofEpochSecond(room.lastUpdateTime()).isAfter(oldest(room.roomId(), passStart))) {
                // Never read, and quiet since before anything catch-up would handle: nothing to read there.
                quiet.put(room.roomId(), room.lastUpdateTime());
                continue;
            }
            changed.add(room);
        }
        if (!quiet.isEmpty()) {
            marks.readAll(ChatworkChannel.NAME, quiet, passStart);
        }
        changed.sort(Comparator.comparing(room -> read.containsKey(room.roomId()) ? read.get(room.roomId()).readAt() : Instant.MIN));
        int stored = 0;
        int roomsRead = 0;
        boolean cutShort = false;
        boolean failed = false;
        for (ChatworkClient.Room room : changed.subList(0, Math.min(changed.size(), config.catchUpRoomsPerPass()))) {
            if (closing()) {
                return stored;
            }
            if (budgetLow()) {
                cutShort = true;
                break;
            }
            Instant readAt = clock.instant();
            try {
                stored += catchUp(room.roomId(), bot.get());
                marks.read(ChatworkChannel.NAME, room.roomId(), room.lastUpdateTime(), readAt);
            } catch (ChatworkException e) {
                log.warn("chatwork catch-up: room {}: {}", room.roomId(), e.getMessage());
                failed = true; // read again next pass
            }
            roomsRead++;
        }
        if (cutShort) {
            behind(budgetReason(), rooms.size(), changed.size(), roomsRead);
        } else {
            keptUp(rooms.size(), changed.size(), roomsRead);
            if (roomsRead == changed.size() && !failed) {
                caughtUpAt = passStart;
            }
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
        catchUp.put("rooms_changed_last_pass", now.roomsChanged());
        catchUp.put("rooms_read_last_pass", now.roomsRead());
        catchUp.put("lag_seconds", lag().toSeconds());
        catchUp.put("rooms_per_pass", config.catchUpRoomsPerPass());
        catchUp.put("interval", dev.contractgate.config.Durations.format(config.catchUpInterval()));
        return Map.of("catch_up", catchUp);
    }

    private void behind(String reason, int rooms, int changed, int read) {
        Standing before = standing;
        Instant now = clock.instant();
        standing = new Standing(now, before.behindSince() == null ? now : before.behindSince(), reason, rooms, changed, read);
        if (before.behindSince() == null) {
            log.warn("chatwork catch-up: behind: {}; deliveries Chatwork could not make (the bot was down, the network"
                    + " broke) are read late until it recovers", reason);
        }
    }

    private void keptUp(int rooms, int changed, int read) {
        Standing before = standing;
        standing = new Standing(clock.instant(), null, null, rooms, changed, read);
        if (before.behindSince() != null) {
            log.info("chatwork catch-up: keeping up again (behind since {})", before.behindSince());
        }
    }

    private String budgetReason() {
        Budget budget = channel.outbound().budget().orElseThrow();
        return "the account's API budget is below half (" + budget.remaining() + " of " + budget.limit()
                + " calls left until " + budget.reset() + "): catch-up yields so replies keep their share";
    }

    /**
     * Whether the room may hold something the last read did not see. The marker counts whole seconds: a read that
     * began within the marker's second may have missed a message written later in that second, so it counts as
     * moved until a read begins after it.
     */
    static boolean movedSince(long lastUpdateTime, RoomMarks.Mark mark) {
        return lastUpdateTime > mark.mark()
                || lastUpdateTime == mark.mark() && mark.readAt().getEpochSecond() <= mark.mark();
    }

    /** The oldest message catch-up handles in a room. */
    private Instant oldest(String roomId, Instant now) {
        // A room the bot never saw: only what came since the last pass, not the history from before it joined.
        return lastSeen.apply(roomId).isPresent()
                ? now.minus(config.catchUpMaxAge())
                : now.minus(config.catchUpInterval().multipliedBy(2));
    }

    private int catchUp(String roomId, String botAccountId) {
        Instant now = clock.instant();
        Instant oldest = oldest(roomId, now);
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
            metrics.caughtUp(ChatworkChannel.NAME, stored);
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
