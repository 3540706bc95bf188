package dev.contractgate.reply;

import dev.contractgate.chat.ChatEvent;
import dev.contractgate.chat.Reply;
import dev.contractgate.chat.ReplyKind;
import dev.contractgate.gate.Action;
import dev.contractgate.gate.RoomView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns the gate's actions into replies in the configured language. */
public final class ReplyComposer {
    /** The templates the gate uses. */
    public static final Set<String> GATE_TEMPLATES = Set.of(
            ReplyKind.SETUP_NOTICE.id(), ReplyKind.GATE_WARNING.id(), ReplyKind.CONFIRM_REQUEST.id(),
            ReplyKind.APPROVAL_NOTICE.id(), ReplyKind.NEGOTIATION_REMINDER.id() + ".covered",
            ReplyKind.NEGOTIATION_REMINDER.id() + ".uncovered", ReplyKind.CONTACT_ALERT.id(),
            ReplyKind.DEAL_ALERT.id(), ReplyKind.SCAM_ALERT.id(), ReplyKind.INTRODUCTION.id(),
            ReplyKind.INTRODUCTION.id() + ".unclaimed", ReplyKind.INTRODUCTION.id() + ".uncovered",
            ReplyKind.INTRODUCTION.id() + ".direct", ReplyKind.CAUTION_NOTICE.id());
    /**
     * The notes a folded reply adds for each concern folded into it ({@code note.<template>}), and the room's note
     * when a judgement could not be sent privately.
     */
    public static final Set<String> WORDS = Set.of("note.deal_alert", "note.contact_alert", "note.scam_alert",
            "note.negotiation_reminder.covered", "note.negotiation_reminder.uncovered", "note.caution_notice",
            "note.caution_notice.unreachable");
    /** The placeholders the gate fills in. */
    public static final Set<String> GATE_PLACEHOLDERS = Set.of(
            "counterparts", "freelancers", "matches", "sender", "application_id", "platform", "reference", "client",
            "freelancer", "filed_by", "valid_until", "whole", "notes", "unreachable");

    private final Messages messages;

    public ReplyComposer(Messages messages) {
        this.messages = messages;
    }

    /**
     * A reply for an action about a message, in the words of the message's channel. It is threaded onto the message
     * only when its sender is among the addressees: a reply counts as a mention, and a scam alert must not notify the
     * suspected sender.
     */
    public Reply compose(Action action, ChatEvent event, RoomView room) {
        Messages.Rendered rendered = render(event.channel(), action);
        Reply.MessageRef replyTo = action.addressees().contains(event.senderId())
                ? new Reply.MessageRef(event.messageId(), event.senderId())
                : null;
        return new Reply(event.channel(), event.roomId(), action.kind(), action.addressees(),
                names(room, action.addressees()), replyTo, event.replyHandle(), rendered.title(), rendered.text());
    }

    /**
     * A reply for an action sent privately, in {@code privateRoomId}: not threaded, and without the triggering event's
     * reply handle (that answers the shared room).
     */
    public Reply composePrivately(Action action, ChatEvent event, RoomView room, String privateRoomId) {
        Messages.Rendered rendered = render(event.channel(), action);
        return new Reply(event.channel(), privateRoomId, action.kind(), action.addressees(),
                names(room, action.addressees()), null, null, rendered.title(), rendered.text());
    }

    /** Fills in the action's template; its {@code notes} (keys of the words table) become one line each. */
    private Messages.Rendered render(String channel, Action action) {
        Map<String, Object> params = new LinkedHashMap<>(action.params());
        if (params.get("notes") instanceof List<?> notes) {
            params.put("notes", String.join("\n", notes.stream().map(note -> messages.word(channel, note.toString())).toList()));
        }
        return messages.render(channel, action.template(), params);
    }

    /** The display names of some members, for channels that mention people by name. */
    public static Map<String, String> names(RoomView room, List<String> accountIds) {
        Map<String, String> names = new LinkedHashMap<>();
        accountIds.forEach(id -> names.put(id, room.nameOf(id)));
        return names;
    }
}
