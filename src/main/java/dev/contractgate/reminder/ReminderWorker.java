package dev.contractgate.reminder;

import dev.contractgate.chat.Channel;
import dev.contractgate.chat.Channels;
import dev.contractgate.chat.Reply;
import dev.contractgate.chat.ReplyKind;
import dev.contractgate.chat.Trigger;
import dev.contractgate.config.RemindersConfig;
import dev.contractgate.gate.Coverage;
import dev.contractgate.gate.Gate;
import dev.contractgate.gate.RoomState;
import dev.contractgate.gate.RoomView;
import dev.contractgate.ledger.RoomActivity;
import dev.contractgate.ledger.RoomActivityDao;
import dev.contractgate.outbox.Outbox;
import dev.contractgate.outbox.OutboxDao;
import dev.contractgate.reply.Messages;
import dev.contractgate.reply.ReplyComposer;
import dev.contractgate.room.RoomDirectory;
import dev.contractgate.room.RoomInspector;
import dev.contractgate.work.PollingWorker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reminders, from what the database knows of each room, so that a restart neither loses nor repeats one:
 * <ul>
 *   <li>a room with messages that has been uncovered, or only claimed, for longer than {@code uncovered_after} gets a
 *       reminder (to the freelancer and the uncovered counterparts, or to whoever must confirm the claim), unless the
 *       bot warned about the room meanwhile;</li>
 *   <li>when terms changed since the last summary and the room has been quiet for {@code summary_after_quiet}, both
 *       sides are nudged to post the summary to the platform, once per change.</li>
 * </ul>
 * Each reminder and the record that it was sent commit in one transaction.
 */
public final class ReminderWorker extends PollingWorker {
    /** The templates the reminders use. */
    public static final Set<String> TEMPLATES = Set.of("reminder.uncovered", "reminder.claimed", "reminder.summary");
    /** The placeholders they fill in. */
    public static final Set<String> PLACEHOLDERS = Set.of("days", "counterparts", "confirmer");
    static final String STATE_KEY = "reminder:state";
    static final String SUMMARY_KEY = "reminder:summary";
    private static final Logger log = LoggerFactory.getLogger(ReminderWorker.class);

    private final Jdbi jdbi;
    private final Channels channels;
    private final RoomDirectory rooms;
    private final RoomInspector inspector;
    private final Outbox outbox;
    private final Messages messages;
    private final RemindersConfig config;
    private final Clock clock;

    public ReminderWorker(Jdbi jdbi, Channels channels, RoomDirectory rooms, RoomInspector inspector, Outbox outbox,
                          Messages messages, RemindersConfig config, Clock clock) {
        super("reminders", config.checkInterval());
        this.jdbi = jdbi;
        this.channels = channels;
        this.rooms = rooms;
        this.inspector = inspector;
        this.outbox = outbox;
        this.messages = messages;
        this.config = config;
        this.clock = clock;
    }

    @Override
    protected Duration pass() {
        remindNow();
        return config.checkInterval();
    }

    /** Looks at every candidate room once; returns how many reminders were promised. */
    public int remindNow() {
        Instant now = clock.instant();
        int promised = 0;
        for (RoomActivityDao.Activity activity : jdbi.onDemand(RoomActivityDao.class).candidates(now.minus(config.activeWithin()))) {
            Channel channel = channels.find(activity.channel()).orElse(null);
            if (channel == null || closing()) {
                continue;
            }
            try {
                promised += remind(channel, activity, now);
            } catch (RuntimeException e) {
                log.error("reminders: {} room {} failed: {}", activity.channel(), activity.roomId(), e.getMessage(), e);
            }
        }
        if (promised > 0) {
            outbox.wake();
        }
        return promised;
    }

    private int remind(Channel channel, RoomActivityDao.Activity activity, Instant now) {
        RoomView room = rooms.stored(channel, activity.roomId());
        Map<String, Coverage> coverage = inspector.coverage(room, now);
        RoomState state = Gate.state(room.freelancers(), room.counterparts(), coverage);
        return jdbi.inTransaction(handle -> {
            Instant since = RoomActivity.state(handle, activity, state, now);
            int promised = 0;
            Map<String, Instant> lastSent = handle.attach(OutboxDao.class).lastUsed(activity.channel(), activity.roomId(), Instant.EPOCH);
            RoomActivityDao dao = handle.attach(RoomActivityDao.class);
            if (stateReminderDue(activity, state, since, lastSent, now)
                    && dao.stateReminded(activity.channel(), activity.roomId(), activity.stateRemindedAt(), now) == 1) {
                outbox.enqueue(handle, stateReminder(room, coverage, state, since, now),
                        new Trigger("reminder." + state.id(), null, null), STATE_KEY, now);
                promised++;
            }
            if (summaryNudgeDue(activity, now)
                    && dao.summaryNudged(activity.channel(), activity.roomId(), activity.summaryNudgedAt(), now) == 1) {
                List<String> everyone = new ArrayList<>(room.freelancers());
                everyone.addAll(room.counterparts());
                outbox.enqueue(handle, reply(room, ReplyKind.NEGOTIATION_REMINDER, everyone, "reminder.summary", Map.of()),
                        new Trigger("reminder.summary", null, null), SUMMARY_KEY, now);
                promised++;
            }
            if (promised > 0) {
                log.info("reminders: {} room {} ({}): {} reminder(s)", activity.channel(), activity.roomId(), state.id(), promised);
            }
            return promised;
        });
    }

    private boolean stateReminderDue(RoomActivityDao.Activity activity, RoomState state, Instant since,
                                     Map<String, Instant> lastSent, Instant now) {
        if (!RoomActivity.notCovered(state.id()) || activity.lastMessageAt().isBefore(now.minus(config.activeWithin()))) {
            return false;
        }
        Instant threshold = now.minus(config.uncoveredAfter());
        if (since.isAfter(threshold)) {
            return false;
        }
        Instant warned = lastSent.get(ReplyKind.GATE_WARNING.id());
        Instant reminded = lastSent.get(STATE_KEY);
        return (warned == null || warned.isBefore(threshold)) && (reminded == null || reminded.isBefore(threshold));
    }

    private boolean summaryNudgeDue(RoomActivityDao.Activity activity, Instant now) {
        Instant changed = activity.termsChangedAt();
        return changed != null
                && (activity.summaryAt() == null || activity.summaryAt().isBefore(changed))
                && (activity.summaryNudgedAt() == null || activity.summaryNudgedAt().isBefore(changed))
                && !activity.lastMessageAt().isAfter(now.minus(config.summaryAfterQuiet()));
    }

    private Reply stateReminder(RoomView room, Map<String, Coverage> coverage, RoomState state, Instant since, Instant now) {
        String days = String.valueOf(Math.max(1, Duration.between(since, now).toDays()));
        if (state == RoomState.CLAIMED) {
            Set<String> confirmers = room.counterparts().stream()
                    .map(id -> coverage.getOrDefault(id, Coverage.NONE))
                    .filter(Coverage::claimed)
                    .map(standing -> standing.pending().confirmer())
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            return reply(room, ReplyKind.GATE_WARNING, List.copyOf(confirmers), "reminder.claimed", Map.of("days", days,
                    "counterparts", room.counterparts().stream().map(room::nameOf).toList(),
                    "confirmer", confirmers.stream().map(room::nameOf).toList()));
        }
        List<String> uncovered = room.counterparts().stream()
                .filter(id -> !coverage.getOrDefault(id, Coverage.NONE).covered()).toList();
        List<String> addressees = new ArrayList<>(room.freelancers());
        addressees.addAll(uncovered);
        return reply(room, ReplyKind.GATE_WARNING, addressees, "reminder.uncovered",
                Map.of("days", days, "counterparts", uncovered.stream().map(room::nameOf).toList()));
    }

    private Reply reply(RoomView room, ReplyKind kind, List<String> addressees, String template, Map<String, ?> params) {
        Messages.Rendered rendered = messages.render(room.channel(), template, params);
        return new Reply(room.channel(), room.roomId(), kind, addressees, ReplyComposer.names(room, addressees), null,
                null, rendered.title(), rendered.text());
    }
}
