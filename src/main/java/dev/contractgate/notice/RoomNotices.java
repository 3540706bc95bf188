package dev.contractgate.notice;

import dev.contractgate.chat.Member;
import dev.contractgate.chat.Reply;
import dev.contractgate.chat.ReplyKind;
import dev.contractgate.chat.Trigger;
import dev.contractgate.gate.ApplicationView;
import dev.contractgate.gate.Gate;
import dev.contractgate.gate.RoomView;
import dev.contractgate.outbox.Outbox;
import dev.contractgate.outbox.OutboxDao;
import dev.contractgate.registry.Application;
import dev.contractgate.registry.ApplicationNotices;
import dev.contractgate.registry.Prompt;
import dev.contractgate.reply.Messages;
import dev.contractgate.reply.ReplyComposer;
import dev.contractgate.room.RegistryCoverage;
import dev.contractgate.room.RoomDao;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * The room notices of registry changes, promised in the change's transaction: the application's room, or (for an
 * application that names no room) every room where both parties are members on record. Each notice goes out once
 * per application and room; the gate, which would otherwise post an approval notice when someone next speaks, sees
 * it as already sent. Names come from the stored member list: no channel is read inside the transaction.
 */
public final class RoomNotices implements ApplicationNotices {
    /** The templates the notices use. */
    public static final Set<String> TEMPLATES = Set.of(ReplyKind.CONFIRM_REQUEST.id(), ReplyKind.APPROVAL_NOTICE.id(),
            ReplyKind.DENIAL_NOTICE.id(), ReplyKind.REVOCATION_NOTICE.id(), ReplyKind.EXPIRY_NOTICE.id());

    private final Messages messages;
    private final Outbox outbox;

    public RoomNotices(Messages messages, Outbox outbox) {
        this.messages = messages;
        this.outbox = outbox;
    }

    @Override
    public boolean changed(Handle handle, Change change, Application application, Instant now, Prompt prompt) {
        ReplyKind kind = kindOf(change);
        RoomDao rooms = handle.attach(RoomDao.class);
        List<String> roomIds = application.roomId() != null ? List.of(application.roomId())
                : rooms.roomsWithBoth(application.channel(), application.clientAccountId(), application.freelancerAccountId());
        ApplicationView view = RegistryCoverage.view(application);
        String key = kind.id() + ":" + application.id();
        boolean promised = false;
        for (String roomId : roomIds) {
            if (handle.attach(OutboxDao.class).used(application.channel(), roomId, key)) {
                continue;
            }
            RoomView room = new RoomView(application.channel(), roomId, null,
                    rooms.members(application.channel(), roomId).stream()
                            .map(member -> new Member(member.accountId(), member.name())).toList(),
                    List.of(application.freelancerAccountId()));
            List<String> addressees = kind == ReplyKind.CONFIRM_REQUEST ? List.of(view.confirmer())
                    : List.of(application.freelancerAccountId(), application.clientAccountId());
            Messages.Rendered text = messages.render(application.channel(), kind.id(), Gate.applicationParams(room, view));
            // Answering the command that asked for the change uses its reply handle (a LINE token is free), but the
            // notice addresses the parties it is for, not the command's sender.
            boolean answers = prompt != null && prompt.roomId().equals(roomId);
            Reply reply = new Reply(application.channel(), roomId, kind, addressees, ReplyComposer.names(room, addressees),
                    null, answers ? prompt.replyHandle() : null, text.title(), text.text());
            outbox.enqueue(handle, reply, new Trigger("registry." + change.name().toLowerCase(java.util.Locale.ROOT),
                    null, application.reference()), key, now);
            promised = true;
        }
        return promised;
    }

    @Override
    public void committed() {
        outbox.wake();
    }

    static ReplyKind kindOf(Change change) {
        return switch (change) {
            case FILED -> ReplyKind.CONFIRM_REQUEST;
            case CONFIRMED -> ReplyKind.APPROVAL_NOTICE;
            case DENIED -> ReplyKind.DENIAL_NOTICE;
            case REVOKED -> ReplyKind.REVOCATION_NOTICE;
            case EXPIRED -> ReplyKind.EXPIRY_NOTICE;
        };
    }
}
