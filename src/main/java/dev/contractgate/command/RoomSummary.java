package dev.contractgate.command;

import dev.contractgate.chat.Channels;
import dev.contractgate.gate.RoomView;
import dev.contractgate.ledger.Ledger;
import dev.contractgate.reply.Messages;
import dev.contractgate.room.RoomDirectory;
import java.time.Clock;

/** The paste-ready summary of a room's terms, as {@code まとめ} answers it in chat, for the freelancer's page. */
public final class RoomSummary {
    private final Channels channels;
    private final RoomDirectory rooms;
    private final Ledger ledger;
    private final Messages messages;
    private final Summary summary;
    private final Clock clock;

    public RoomSummary(Channels channels, RoomDirectory rooms, Ledger ledger, Messages messages, Clock clock) {
        this.channels = channels;
        this.rooms = rooms;
        this.ledger = ledger;
        this.messages = messages;
        this.summary = new Summary(messages);
        this.clock = clock;
    }

    /** The summary's text in the bot's language, from the room as last seen. */
    public String text(String channel, String roomId) {
        RoomView room = rooms.stored(channels.get(channel), roomId);
        return messages.render(channel, "command_reply.summary",
                summary.params(room, ledger.history(channel, roomId), clock.instant())).text();
    }
}
