package dev.contractgate.inbox;

import dev.contractgate.chat.Channel;
import dev.contractgate.chat.ChannelReadException;
import dev.contractgate.chat.Channels;
import dev.contractgate.chat.ChatEvent;
import dev.contractgate.chat.ChatEventHandler;
import dev.contractgate.chat.ConversationDao;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Turns a stored event into a {@link ChatEvent} through its channel, keeps what the channel will need to post in the
 * room (and to reach the sender privately) later, drops the bot's own messages, and passes the rest on.
 */
public final class ChatEventDispatcher implements InboxWorker.Processor {
    private final Channels channels;
    private final ChatEventHandler handler;
    private final Jdbi jdbi;

    public ChatEventDispatcher(Channels channels, ChatEventHandler handler, Jdbi jdbi) {
        this.channels = channels;
        this.handler = handler;
        this.jdbi = jdbi;
    }

    /** The channels whose events can be acted on now (the bot's own account is known, or it runs dry). */
    public List<String> readyChannels() {
        return channels.all().stream()
                .filter(Channel::canAct)
                .map(Channel::name)
                .toList();
    }

    @Override
    public InboxWorker.Outcome process(InboxEvent stored) throws Exception {
        Decoded decoded = decode(stored);
        ChatEvent event = decoded.event();
        remember(jdbi.onDemand(ConversationDao.class), event);
        if (decoded.outcome() != null) {
            return decoded.outcome();
        }
        try {
            handler.handle(event);
        } catch (ChannelReadException e) {
            return gone(event, e);
        }
        return InboxWorker.Outcome.done(null);
    }

    /**
     * As {@link #process}, with the handler's writes left for the worker's batch transaction. What the channel will
     * need later is kept at once, as before handling alone: reading the room's members may already need it.
     */
    @Override
    public Optional<InboxWorker.Staged> stage(InboxEvent stored) throws Exception {
        Decoded decoded = decode(stored);
        ChatEvent event = decoded.event();
        remember(jdbi.onDemand(ConversationDao.class), event);
        if (decoded.outcome() != null) {
            return Optional.of(settled(decoded.outcome()));
        }
        Optional<ChatEventHandler.Staged> staged;
        try {
            staged = handler.stage(event);
        } catch (ChannelReadException e) {
            return Optional.of(settled(gone(event, e)));
        }
        return staged.map(writes -> new InboxWorker.Staged() {
            @Override
            public InboxWorker.Outcome commit(Handle handle) {
                writes.commit(handle);
                return InboxWorker.Outcome.done(null);
            }

            @Override
            public void committed() {
                writes.committed();
            }
        });
    }

    private static InboxWorker.Staged settled(InboxWorker.Outcome outcome) {
        return handle -> outcome;
    }

    /**
     * The event, and the outcome when it is settled without the handler.
     *
     * @param event null when the channel is unknown or does not act on the event type
     */
    private record Decoded(ChatEvent event, InboxWorker.Outcome outcome) {
    }

    private Decoded decode(InboxEvent stored) {
        Optional<Channel> channel = channels.find(stored.channel());
        if (channel.isEmpty()) {
            return new Decoded(null, InboxWorker.Outcome.ignored(channels.unknown(stored.channel())));
        }
        Optional<ChatEvent> decoded = channel.get().decode(stored.eventType(), stored.payload());
        if (decoded.isEmpty()) {
            return new Decoded(null, InboxWorker.Outcome.ignored("event type " + stored.eventType() + " is not acted on"));
        }
        ChatEvent event = decoded.get();
        if (channel.get().botAccountId().filter(event.senderId()::equals).isPresent()) {
            return new Decoded(event, InboxWorker.Outcome.ignored("the bot's own message"));
        }
        return new Decoded(event, null);
    }

    /** The bot left the room: nothing to act on there. Any other read failure is thrown, so the worker lets the event wait. */
    private static InboxWorker.Outcome gone(ChatEvent event, ChannelReadException e) {
        if (!e.isGone()) {
            throw e;
        }
        return InboxWorker.Outcome.ignored("the bot is no longer in " + event.channel() + " room " + event.roomId()
                + ": " + e.getMessage());
    }

    private static void remember(ConversationDao dao, ChatEvent event) {
        if (event == null || event.conversation() == null && event.privateRoute() == null) {
            return;
        }
        if (event.conversation() != null) {
            dao.remember(event.channel(), event.roomId(), event.conversation(), event.sentAt());
        }
        if (event.privateRoute() != null) {
            dao.rememberRoute(event.channel(), event.senderId(), event.privateRoute(), event.sentAt());
        }
    }
}
