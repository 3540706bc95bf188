package dev.contractgate.web.pages;

import dev.contractgate.room.RoomInspector;
import java.time.Instant;
import java.util.List;

/** A room in the console's list: its gate state and members. */
public record ConsoleRoom(String channel, String roomId, String gate, Instant lastMessageAt,
                          List<RoomInspector.MemberReport> members) {
}
