package dev.contractgate.inbox;

import dev.contractgate.chat.Channel;
import dev.contractgate.chat.ChannelReadException;
import dev.contractgate.chat.Channels;
import dev.contractgate.chat.ChatEvent;
import dev.contractgate.chat.ChatEventHandler;
import dev.contractgate.chat.ConversationDao;
import java.util.List;
import java.util.Optional;
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
        Optional<Channel> channel = channels.find(stored.channel());
        if (channel.isEmpty()) {
            return InboxWorker.Outcome.ignored(channels.unknown(stored.channel()));
        }
        Optional<ChatEvent> decoded = channel.get().decode(stored.eventType(), stored.payload());
        if (decoded.isEmpty()) {
            return InboxWorker.Outcome.ignored("event type " + stored.eventType() + " is not acted on");
        }
        ChatEvent event = decoded.get();
        remember(event);
        if (channel.get().botAccountId().filter(event.senderId()::equals).isPresent()) {
            return InboxWorker.Outcome.ignored("the bot's own message");
        }
        try {
            handler.handle(event);
        } catch (ChannelReadException e) {
            if (!e.isGone()) {
                throw e; // the worker lets the event wait
            }
            return InboxWorker.Outcome.ignored("the bot is no longer in " + event.channel() + " room " + event.roomId()
                    + ": " + e.getMessage());
        }
        return InboxWorker.Outcome.done(null);
    }

    private void remember(ChatEvent event) {
        if (event.conversation() == null && event.privateRoute() == null) {
            return;
        }
        ConversationDao dao = jdbi.onDemand(ConversationDao.class);
        if (event.conversation() != null) {
            dao.remember(event.channel(), event.roomId(), event.conversation(), event.sentAt());
        }
        if (event.privateRoute() != null) {
            dao.rememberRoute(event.channel(), event.senderId(), event.privateRoute(), event.sentAt());
        }
    }
}
