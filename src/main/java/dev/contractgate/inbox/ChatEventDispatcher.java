package dev.contractgate.inbox;

import dev.contractgate.chat.Channel;
import dev.contractgate.chat.ChannelReadException;
import dev.contractgate.chat.ChatEvent;
import dev.contractgate.chat.ChatEventHandler;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Turns a stored event into a {@link ChatEvent} through its channel, drops the bot's own messages, and passes the rest on. */
public final class ChatEventDispatcher implements InboxWorker.Processor {
    private final Map<String, Channel> channels;
    private final ChatEventHandler handler;

    public ChatEventDispatcher(List<Channel> channels, ChatEventHandler handler) {
        this.channels = channels.stream().collect(Collectors.toUnmodifiableMap(Channel::name, Function.identity()));
        this.handler = handler;
    }

    /** The channels whose events can be acted on now. */
    public List<String> readyChannels() {
        return channels.values().stream()
                .filter(Channel::canAct)
                .map(Channel::name)
                .toList();
    }

    @Override
    public InboxWorker.Outcome process(InboxEvent stored) throws Exception {
        Channel channel = channels.get(stored.channel());
        if (channel == null) {
            return InboxWorker.Outcome.ignored("no channel named " + stored.channel() + " is configured");
        }
        Optional<ChatEvent> decoded = channel.decode(stored.eventType(), stored.payload());
        if (decoded.isEmpty()) {
            return InboxWorker.Outcome.ignored("event type " + stored.eventType() + " is not acted on");
        }
        ChatEvent event = decoded.get();
        if (channel.botAccountId().filter(event.senderId()::equals).isPresent()) {
            return InboxWorker.Outcome.ignored("the bot's own message");
        }
        try {
            handler.handle(event);
        } catch (ChannelReadException e) {
            if (!e.isGone()) {
                throw e; // the worker lets the event wait
            }
            return InboxWorker.Outcome.ignored("the bot is no longer in " + channel.name() + " room " + event.roomId()
                    + ": " + e.getMessage());
        }
        return InboxWorker.Outcome.done(null);
    }
}
