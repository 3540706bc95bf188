package dev.contractgate.outbox;

import dev.contractgate.chat.Channel;
import dev.contractgate.chat.Reply;
import dev.contractgate.chat.Trigger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/** Where replies are promised: written in the caller's transaction, rendered in the channel's notation, sent later. */
public final class Outbox {
    private final Map<String, Channel> channels;
    private final Runnable wake;

    /** @param wake tells the sender something was enqueued */
    public Outbox(List<Channel> channels, Runnable wake) {
        this.channels = channels.stream().collect(Collectors.toUnmodifiableMap(Channel::name, Function.identity()));
        this.wake = wake;
    }

    /** Writes a reply; it is sent once the caller's transaction commits and {@link #wake()} is called. */
    public void enqueue(Handle handle, Reply reply, Trigger trigger, String cooldownKey, Instant now) {
        Channel channel = channels.get(reply.channel());
        if (channel == null) {
            throw new IllegalArgumentException("no channel named " + reply.channel());
        }
        handle.attach(OutboxDao.class).insert(new NewOutboxEntry(reply.channel(), reply.roomId(), reply.kind().id(),
                channel.render(reply), String.join(",", reply.addressees()), cooldownKey,
                trigger == null ? null : trigger.rule(), trigger == null ? null : trigger.messageId(),
                trigger == null ? null : trigger.match()), now);
    }

    public void wake() {
        wake.run();
    }
}
