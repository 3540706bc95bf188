package dev.contractgate.bot;

import dev.contractgate.chat.Channel;
import dev.contractgate.chat.Channels;
import dev.contractgate.chat.ChatEvent;
import dev.contractgate.chat.ChatEventHandler;
import dev.contractgate.chat.Reply;
import dev.contractgate.gate.Action;
import dev.contractgate.gate.Coverage;
import dev.contractgate.gate.Gate;
import dev.contractgate.gate.GateDecision;
import dev.contractgate.gate.GateInput;
import dev.contractgate.gate.Observation;
import dev.contractgate.gate.RoomState;
import dev.contractgate.gate.RoomView;
import dev.contractgate.command.CommandHandler;
import dev.contractgate.command.CommandResult;
import dev.contractgate.db.Attached;
import dev.contractgate.ledger.Ledger;
import dev.contractgate.ledger.RoomActivity;
import dev.contractgate.ledger.RoomActivityDao;
import dev.contractgate.outbox.Outbox;
import dev.contractgate.outbox.OutboxDao;
import dev.contractgate.reply.ReplyComposer;
import dev.contractgate.room.RoomDirectory;
import dev.contractgate.room.RoomInspector;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
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

    /** The analysis of a message; what is not the sender's own words (quotes, markup) yields nothing. */
    @FunctionalInterface
    public interface Observer {
        /**
         * @param notOwnWords the chars of the body that are not the sender's own words, as the channel says
         * @param channelNames the lexicon's names of the channel the message was written on
         */
        Observed observe(ChatEvent event, java.util.BitSet notOwnWords, Set<String> channelNames);
    }

    /**
     * What the analysis found in a message.
     *
     * @param observations for the gate
     * @param findings with their normalised terms, dates resolved against the day the message was sent, for the ledger
     */
    public record Observed(List<Observation> observations, List<dev.contractgate.analysis.Finding> findings) {
    }

    private final Channels channels;
    private final RoomDirectory rooms;
    private final Observer observer;
    private final RoomInspector inspector;
    private final Gate gate;
    private final ReplyComposer composer;
    private final Outbox outbox;
    private final Ledger ledger;
    private final CommandHandler commands;
    private final RetractionHook retractions;
    private final Jdbi jdbi;
    private final Clock clock;

    public BotEventHandler(Channels channels, RoomDirectory rooms, Observer observer, RoomInspector inspector,
                           Gate gate, ReplyComposer composer, CommandHandler commands, Outbox outbox, Ledger ledger,
                           RetractionHook retractions, Jdbi jdbi, Clock clock) {
        this.channels = channels;
        this.retractions = retractions;
        this.rooms = rooms;
        this.observer = observer;
        this.inspector = inspector;
        this.gate = gate;
        this.composer = composer;
        this.outbox = outbox;
        this.ledger = ledger;
        this.commands = commands;
        this.jdbi = jdbi;
        this.clock = clock;
    }

    @Override
    public void handle(ChatEvent event) {
        Channel channel = channels.get(event.channel());
        switch (event.type()) {
            case BOT_JOINED -> introduce(channel, event);
            case BOT_LEFT -> {
                rooms.invalidate(event.channel(), event.roomId());
                log.info("rooms: the bot left {} room {}", event.channel(), event.roomId());
            }
            case MEMBERS_JOINED -> rooms.joined(event.channel(), event.roomId(), event.members());
            case MEMBERS_LEFT -> rooms.left(event.channel(), event.roomId(), event.members());
            case MESSAGE_RETRACTED -> retracted(event);
            default -> message(channel, event);
        }
    }

    /** A message that is not a command is staged; everything else changes the room or the registry and goes alone. */
    @Override
    public Optional<Staged> stage(ChatEvent event) {
        if (!event.type().isMessage()) {
            return Optional.empty();
        }
        Channel channel = channels.get(event.channel());
        if (channel.commandText(event).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(decide(channel, event));
    }

    private void message(Channel channel, ChatEvent event) {
        Optional<String> command = channel.commandText(event);
        if (command.isPresent()) {
            if (event.type() == ChatEvent.Type.MESSAGE_UPDATED) {
                return; // an edited command is not run again, and a command is not a statement to analyse
            }
            RoomView room = rooms.view(channel, event.roomId(), event.senderId(), event.senderName());
            command(event, room, command.get(), version(event));
            return;
        }
        Staged staged = decide(channel, event);
        jdbi.useTransaction(staged::commit);
        staged.committed();
    }

    private static long version(ChatEvent event) {
        return event.editedAt() == null ? 0 : event.editedAt().getEpochSecond();
    }

    /**
     * The reads first (members, analysis, coverage), outside any transaction; then, in the transaction it is given,
     * the gate's decision on what the room saw up to that moment, and everything the decision promises.
     */
    private Staged decide(Channel channel, ChatEvent event) {
        RoomView room = rooms.view(channel, event.roomId(), event.senderId(), event.senderName());
        long version = version(event);
        Observed observed = observer.observe(event, channel.notOwnWords(event.body()), channel.lexiconNames());
        Instant now = clock.instant();
        Map<String, Coverage> coverageByCounterpart = inspector.coverage(room, now);
        return new Staged() {
            private int enqueued;

            @Override
            public void commit(Handle handle) {
                enqueued = promise(handle, event, room, version, observed, coverageByCounterpart, now);
            }

            @Override
            public void committed() {
                if (enqueued > 0) {
                    outbox.wake();
                }
            }
        };
    }

    private int promise(Handle handle, ChatEvent event, RoomView room, long version, Observed observed,
                        Map<String, Coverage> coverageByCounterpart, Instant now) {
        BotDao memory = Attached.dao(handle, BotDao.class);
        if (memory.markHandled(event.channel(), event.roomId(), event.messageId(), version, now) == 0) {
            return 0;
        }
        Set<String> alerted = memory.alertedKeys(event.channel(), event.roomId(), event.messageId());
        Map<String, Instant> lastSent = Attached.dao(handle, OutboxDao.class).lastUsed(event.channel(), event.roomId(), Instant.EPOCH);
        GateDecision decision = gate.decide(new GateInput(event, room, coverageByCounterpart, observed.observations(), alerted, lastSent, now));
        for (Action action : decision.actions()) {
            Reply reply = composer.compose(action, event, room);
            outbox.enqueue(handle, reply, action.trigger(), action.cooldownKey(), now);
            for (String key : action.findingKeys()) {
                memory.markAlerted(event.channel(), event.roomId(), event.messageId(), key, now);
            }
        }
        RoomActivity.saw(handle, event.channel(), event.roomId(), decision.state(), now);
        if (ledger.record(handle, event, observed.findings(), now) > 0) {
            Attached.dao(handle, RoomActivityDao.class).termsChanged(event.channel(), event.roomId(), now);
        }
        if (!decision.actions().isEmpty()) {
            log.info("gate: {} room {} ({}), message {}: {}", event.channel(), event.roomId(), decision.state().id(),
                    event.messageId(), decision.actions().stream().map(a -> a.kind().id()).toList());
        }
        return decision.actions().size();
    }

    /** The bot was added to the room: one introduction (the setup notice folded in while no freelancer is registered). */
    private void introduce(Channel channel, ChatEvent event) {
        RoomView room = rooms.view(channel, event.roomId(), event.senderId(), event.senderName());
        Instant now = clock.instant();
        Map<String, Coverage> coverage = inspector.coverage(room, now);
        boolean promised = jdbi.inTransaction(handle -> {
            if (handle.attach(BotDao.class).markHandled(event.channel(), event.roomId(), event.messageId(), 0, now) == 0) {
                return false;
            }
            Map<String, Instant> lastSent = handle.attach(OutboxDao.class).lastUsed(event.channel(), event.roomId(), Instant.EPOCH);
            Optional<Action> introduction = gate.introduce(new GateInput(event, room, coverage, List.of(), Set.of(), lastSent, now));
            introduction.ifPresent(action -> outbox.enqueue(handle, composer.compose(action, event, room),
                    action.trigger(), action.cooldownKey(), now));
            return introduction.isPresent();
        });
        if (promised) {
            log.info("gate: {} room {}: the bot was added; introduction promised", event.channel(), event.roomId());
            outbox.wake();
        }
    }

    private void retracted(ChatEvent event) {
        Instant now = clock.instant();
        jdbi.useTransaction(handle -> {
            if (handle.attach(BotDao.class).markHandled(event.channel(), event.roomId(), event.messageId(), -1, now) == 1) {
                retractions.retracted(handle, event, now);
            }
        });
        log.info("{} room {}: message {} was taken back by {}", event.channel(), event.roomId(), event.messageId(),
                event.senderId());
    }

    /**
     * Runs a command once per message: the registry changes it makes happen first (they are safe to repeat), then
     * its answers are promised together with the mark that the message was handled.
     */
    private void command(ChatEvent event, RoomView room, String text, long version) {
        if (jdbi.onDemand(BotDao.class).isHandled(event.channel(), event.roomId(), event.messageId(), version)) {
            return;
        }
        CommandResult result = commands.handle(event, room, text);
        Instant now = clock.instant();
        RoomState state = Gate.state(room.freelancers(), room.counterparts(), inspector.coverage(room, now));
        boolean promised = jdbi.inTransaction(handle -> {
            if (handle.attach(BotDao.class).markHandled(event.channel(), event.roomId(), event.messageId(), version, now) == 0) {
                return false;
            }
            for (CommandResult.Answer answer : result.answers()) {
                outbox.enqueue(handle, answer.reply(), answer.trigger(),
                        answer.cooldownKey() != null ? answer.cooldownKey() : answer.reply().kind().id(),
                        answer.aboutRoomId(), now);
            }
            RoomActivity.saw(handle, event.channel(), event.roomId(), state, now);
            if (result.summarised()) {
                handle.attach(RoomActivityDao.class).summarised(event.channel(), event.roomId(), now);
            }
            return true;
        });
        if (promised) {
            log.info("command: {} room {}, message {} from {}: {} answer(s)", event.channel(), event.roomId(),
                    event.messageId(), event.senderId(), result.answers().size());
            outbox.wake();
        }
    }
}
