package dev.contractgate.web;

import dev.contractgate.room.RoomInspector;
import dev.contractgate.registry.ChannelIds;
import dev.contractgate.registry.NotFoundException;
import dev.contractgate.validation.FieldErrors;
import io.javalin.http.Context;
import java.util.List;

/**
 * {@code GET /api/rooms/{channel}/{room_id}}: the room's gate state, its members with their role and coverage, and
 * the bot's recent replies there. Operators see every room; a party sees the rooms it is a member of (any other
 * room answers 404, like a room the bot never saw).
 */
public final class RoomsApi {
    private final RoomInspector inspector;

    public RoomsApi(RoomInspector inspector) {
        this.inspector = inspector;
    }

    record RoomView(String channel, String roomId, String gate, List<RoomInspector.MemberReport> members,
                    String membersSource, List<OutboxView> recentActions) {
    }

    /**
     * The room of the path, as the caller may see it: an operator sees every room the bot knows, a party the rooms
     * it is a member of; any other room answers 404, like a room the bot never saw.
     */
    static RoomInspector.RoomReport visibleRoom(Context ctx, RoomInspector inspector) {
        Principal principal = ApiAuth.principal(ctx);
        String channel = ctx.pathParam("channel");
        String roomId = ctx.pathParam("room_id");
        FieldErrors path = new FieldErrors();
        ChannelIds.anyId("room_id", roomId, path);
        if (!path.isEmpty()) {
            throw new NotFoundException("no room " + channel + "/" + roomId + " that you can see");
        }
        return inspector.inspect(channel, roomId)
                .filter(room -> principal.isOperator() || room.members().stream()
                        .anyMatch(member -> principal.isAccount(channel, member.accountId())))
                .orElseThrow(() -> new NotFoundException("no room " + channel + "/" + roomId + " that you can see"));
    }

    public void one(Context ctx) {
        QueryInput.none(ctx);
        RoomInspector.RoomReport report = visibleRoom(ctx, inspector);
        ctx.json(new RoomView(report.channel(), report.roomId(), report.state().id(), report.members(),
                report.membersSource().id(), report.recentActions().stream().map(OutboxView::of).toList()));
    }
}
