package dev.contractgate.command;

import dev.contractgate.chat.Channel;
import dev.contractgate.chat.Channels;
import dev.contractgate.chat.ChatEvent;
import dev.contractgate.chat.ConversationDao;
import dev.contractgate.chat.Reply;
import dev.contractgate.chat.ReplyKind;
import dev.contractgate.chat.Trigger;
import dev.contractgate.gate.RoomView;
import dev.contractgate.pages.LinkAction;
import dev.contractgate.pages.PageLinks;
import dev.contractgate.reply.Messages;
import dev.contractgate.reply.ReplyComposer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code リンク} / {@code link}: a fresh single-use link to the sender's own page (the client's or the freelancer's)
 * for this room. A link is bound to one person, so it goes through that person's private route (the direct chat with
 * the bot, a personal conversation); only where the channel knows none is it posted in the room, and then its page asks
 * for a one-time code that the person posts here ({@code リンク <code>}), which the bot accepts only from them.
 */
public final class LinkCommand {
    /** The templates the command uses. */
    public static final Set<String> TEMPLATES = Set.of("command_reply.link_private", "command_reply.link_sent",
            "command_reply.link_in_room", "command_reply.link_code_ok", "command_reply.link_code_unknown",
            "command_reply.link_off", "command_reply.link_direct", "command_reply.link_nobody");
    /** The placeholders it fills in. */
    public static final Set<String> PLACEHOLDERS = Set.of("url", "minutes", "name");

    private final PageLinks links;
    private final Channels channels;
    private final Jdbi jdbi;
    private final Messages messages;

    public LinkCommand(PageLinks links, Channels channels, Jdbi jdbi, Messages messages) {
        this.links = links;
        this.channels = channels;
        this.jdbi = jdbi;
        this.messages = messages;
    }

    /**
     * Remembers a direct chat with the bot as the sender's private route, on channels where that chat is the route
     * (Chatwork: the direct chat's room); channels that tell the route with every event (Teams) need nothing here.
     */
    public void rememberDirect(ChatEvent event) {
        channels.get(event.channel()).directRoute(event.roomId()).ifPresent(route ->
                jdbi.onDemand(ConversationDao.class).rememberRoute(event.channel(), event.senderId(), route, event.sentAt()));
    }

    /** The answers to the command; {@code argument} is a one-time code, or empty for a new link. */
    public List<CommandResult.Answer> handle(ChatEvent event, RoomView room, String argument, boolean direct) {
        String sender = event.senderId();
        Map<String, Object> name = Map.of("name", room.nameOf(sender));
        if (!argument.isBlank()) {
            boolean verified = !direct && links.verifyCode(event.channel(), event.roomId(), sender, argument);
            return List.of(inRoom(event, room, verified ? "command_reply.link_code_ok" : "command_reply.link_code_unknown", name));
        }
        if (!links.enabled()) {
            return List.of(inRoom(event, room, "command_reply.link_off", name));
        }
        if (direct) {
            return List.of(inRoom(event, room, "command_reply.link_direct", name));
        }
        LinkAction action = room.freelancers().contains(sender) ? LinkAction.FREELANCER
                : room.counterparts().contains(sender) ? LinkAction.CLIENT : null;
        if (action == null) {
            return List.of(inRoom(event, room, "command_reply.link_nobody", name));
        }
        Map<String, Object> params = new java.util.HashMap<>(name);
        params.put("minutes", String.valueOf(links.ttl().toMinutes()));
        Optional<String> privateRoom = privateRoom(event.channel(), sender);
        if (privateRoom.isPresent()) {
            params.put("url", links.issue(event.channel(), sender, event.roomId(), action, true).url());
            Messages.Rendered rendered = messages.render(event.channel(), "command_reply.link_private", params);
            Reply reply = new Reply(event.channel(), privateRoom.get(), ReplyKind.COMMAND_REPLY, List.of(), Map.of(), null,
                    null, rendered.title(), rendered.text());
            List<CommandResult.Answer> answers = new ArrayList<>();
            answers.add(new CommandResult.Answer(reply, null, trigger(event), event.roomId()));
            answers.add(inRoom(event, room, "command_reply.link_sent", name));
            return answers;
        }
        params.put("url", links.issue(event.channel(), sender, event.roomId(), action, false).url());
        return List.of(inRoom(event, room, "command_reply.link_in_room", params));
    }

    private Optional<String> privateRoom(String channelName, String accountId) {
        Channel channel = channels.get(channelName);
        return jdbi.onDemand(ConversationDao.class).route(channelName, accountId).flatMap(channel::privateRoom);
    }

    private CommandResult.Answer inRoom(ChatEvent event, RoomView room, String template, Map<String, ?> params) {
        Messages.Rendered rendered = messages.render(event.channel(), template, params);
        Reply reply = new Reply(event.channel(), event.roomId(), ReplyKind.COMMAND_REPLY, List.of(event.senderId()),
                ReplyComposer.names(room, List.of(event.senderId())), new Reply.MessageRef(event.messageId(), event.senderId()),
                event.replyHandle(), rendered.title(), rendered.text());
        return new CommandResult.Answer(reply, null, trigger(event));
    }

    private static Trigger trigger(ChatEvent event) {
        return new Trigger("command.link", event.messageId(), null);
    }
}
