package dev.contractgate.web;

import dev.contractgate.gate.RoomState;
import dev.contractgate.registry.ChannelIds;
import dev.contractgate.room.RoomDao;
import dev.contractgate.room.RoomInspector;
import dev.contractgate.registry.ChannelIds;
import dev.contractgate.registry.NotFoundException;
import dev.contractgate.validation.FieldErrors;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /api/rooms/{channel}/{room_id}}: the room's gate state, its members with their role and coverage, and
 * the bot's recent replies there. Operators see every room; a party sees the rooms it is a member of (any other
 * room answers 404, like a room the bot never saw). {@code GET /api/rooms?channel=&gate=&limit=}: every room the bot
 * knows with its gate state, the most recently active first (operators).
 */
public final class RoomsApi {
    private final RoomInspector inspector;
    private final ChannelIds ids;

    public RoomsApi(RoomInspector inspector, ChannelIds ids) {
        this.inspector = inspector;
        this.ids = ids;
    }

    record RoomView(String channel, String roomId, String gate, List<RoomInspector.MemberReport> members,
                    String membersSource, List<OutboxView> recentActions) {
    }

    /** A room in the list: its standing, without the replies. */
    record RoomListItem(String channel, String roomId, String gate, Instant lastMessageAt,
                        List<RoomInspector.MemberReport> members, String membersSource) {
    }

    private static final List<String> GATES = Arrays.stream(RoomState.values()).map(RoomState::id).toList();

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

    public void list(Context ctx) {
        ApiAuth.operator(ctx);
        QueryInput query = new QueryInput(ctx, "channel", "gate", "limit");
        String channel = query.text("channel");
        ids.channel("channel", channel, query.errors());
        String gate = query.oneOfText("gate", GATES);
        int limit = query.limit();
        query.errors().throwIfAny("invalid query");
        List<RoomListItem> rooms = new ArrayList<>();
        for (RoomDao.KnownRoom known : inspector.knownRooms(channel)) {
            if (rooms.size() == limit) {
                break;
            }
            Optional<RoomInspector.RoomReport> report = inspector.standing(known.channel(), known.roomId());
            if (report.isPresent() && (gate == null || gate.equals(report.get().state().id()))) {
                rooms.add(new RoomListItem(known.channel(), known.roomId(), report.get().state().id(),
                        known.lastMessageAt(), report.get().members(), report.get().membersSource().id()));
            }
        }
        ctx.json(rooms);
    }
}
