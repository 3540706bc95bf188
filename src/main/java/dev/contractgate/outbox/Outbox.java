package dev.contractgate.outbox;

import dev.contractgate.chat.Channel;
import dev.contractgate.chat.Channels;
import dev.contractgate.chat.Rendered;
import dev.contractgate.chat.Reply;
import dev.contractgate.chat.Trigger;
import dev.contractgate.db.Attached;
import java.time.Instant;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** Where replies are promised: written in the caller's transaction, rendered in the channel's notation, sent later. */
public final class Outbox {
    private final Channels channels;
    private final Runnable wake;

    /** @param wake tells the sender something was enqueued */
    public Outbox(Channels channels, Runnable wake) {
        this.channels = channels;
        this.wake = wake;
    }

    /** Writes a reply; it is sent once the caller's transaction commits and {@link #wake()} is called. */
    public void enqueue(Handle handle, Reply reply, Trigger trigger, String cooldownKey, Instant now) {
        enqueue(handle, reply, trigger, cooldownKey, null, now);
    }

    /**
     * As {@link #enqueue(Handle, Reply, Trigger, String, Instant)}, for a reply posted privately about another room.
     *
     * @param aboutRoomId the room it is about (its {@code about_room_id}), or null
     */
    public void enqueue(Handle handle, Reply reply, Trigger trigger, String cooldownKey, String aboutRoomId, Instant now) {
        Channel channel = channels.get(reply.channel());
        Rendered rendered = channel.render(reply);
        Attached.dao(handle, OutboxDao.class).insert(new NewOutboxEntry(reply.channel(), reply.roomId(), reply.kind().id(),
                rendered.body(), String.join(",", reply.addressees()), cooldownKey,
                trigger == null ? null : trigger.rule(), trigger == null ? null : trigger.messageId(),
                trigger == null ? null : trigger.match(), rendered.payload(),
                reply.replyHandle() == null ? null : reply.replyHandle().value(),
                reply.replyHandle() == null ? null : reply.replyHandle().expiresAt(), UUID.randomUUID().toString(),
                aboutRoomId), now);
    }

    public void wake() {
        wake.run();
    }
}
