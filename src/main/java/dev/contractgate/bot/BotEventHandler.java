package dev.contractgate.bot;

import dev.contractgate.chat.Channel;
import dev.contractgate.chat.ChatEvent;
import dev.contractgate.chat.ChatEventHandler;
import dev.contractgate.chat.Reply;
import dev.contractgate.gate.Action;
import dev.contractgate.gate.Coverage;
import dev.contractgate.gate.Gate;
import dev.contractgate.gate.GateDecision;
import dev.contractgate.gate.GateInput;
import dev.contractgate.gate.Observation;
import dev.contractgate.gate.RoomView;
import dev.contractgate.outbox.Outbox;
import dev.contractgate.outbox.OutboxDao;
import dev.contractgate.reply.ReplyComposer;
import dev.contractgate.room.RoomDirectory;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the bot does with a room event: look at the room, analyse the message, ask the registry who is covered,
 * let the gate decide, and promise the replies in the outbox. The decision and its replies commit in one
 * transaction together with the mark that this version of the message was handled, so a redelivery or a second
 * event for the same message (a mention beside the room event) never doubles a reply.
 */
public final class BotEventHandler implements ChatEventHandler {
    private static final Logger log = LoggerFactory.getLogger(BotEventHandler.class);

    /** The analysis of a message, in the gate's words; quoted text is not the sender's and yields nothing. */
    @FunctionalInterface
    public interface Observer {
        List<Observation> observe(ChatEvent event);
    }

    /** A counterpart's coverage with the room's freelancers, from the registry. */
    @FunctionalInterface
    public interface CoverageLookup {
        Coverage coverage(String channel, String roomId, String counterpartAccountId, List<String> freelancerAccountIds, Instant now);
    }

    private final Map<String, Channel> channels;
    private final RoomDirectory rooms;
    private final Observer observer;
    private final RoomInspector inspector;
    private final Gate gate;
    private final ReplyComposer composer;
    private final Outbox outbox;
    private final Jdbi jdbi;
    private final Clock clock;

    public BotEventHandler(List<Channel> channels, RoomDirectory rooms, Observer observer, RoomInspector inspector,
                           Gate gate, ReplyComposer composer, Outbox outbox, Jdbi jdbi, Clock clock) {
        this.channels = channels.stream().collect(Collectors.toUnmodifiableMap(Channel::name, Function.identity()));
        this.rooms = rooms;
        this.observer = observer;
        this.inspector = inspector;
        this.gate = gate;
        this.composer = composer;
        this.outbox = outbox;
        this.jdbi = jdbi;
        this.clock = clock;
    }

    @Override
    public void handle(ChatEvent event) {
        Channel channel = channels.get(event.channel());
        RoomView room = rooms.view(channel, event.roomId(), event.senderId());
        List<Observation> observations = observer.observe(event);
        Instant now = clock.instant();
        Map<String, Coverage> coverageByCounterpart = inspector.coverage(room, now);
        long version = event.editedAt() == null ? 0 : event.editedAt().getEpochSecond();
        int enqueued = jdbi.inTransaction(handle -> {
            BotDao memory = handle.attach(BotDao.class);
            if (memory.markHandled(event.channel(), event.roomId(), event.messageId(), version, now) == 0) {
                return 0;
            }
            Set<String> alerted = memory.alertedKeys(event.channel(), event.roomId(), event.messageId());
            Map<String, Instant> lastSent = handle.attach(OutboxDao.class).lastUsed(event.channel(), event.roomId(), Instant.EPOCH);
            GateDecision decision = gate.decide(new GateInput(event, room, coverageByCounterpart, observations, alerted, lastSent, now));
            for (Action action : decision.actions()) {
                Reply reply = composer.compose(action, event);
                outbox.enqueue(handle, reply, action.trigger(), action.cooldownKey(), now);
                for (String key : action.findingKeys()) {
                    memory.markAlerted(event.channel(), event.roomId(), event.messageId(), key, now);
                }
            }
            if (!decision.actions().isEmpty()) {
                log.info("gate: {} room {} ({}), message {}: {}", event.channel(), event.roomId(), decision.state().id(),
                        event.messageId(), decision.actions().stream().map(a -> a.kind().id()).toList());
            }
            return decision.actions().size();
        });
        if (enqueued > 0) {
            outbox.wake();
        }
    }
}
