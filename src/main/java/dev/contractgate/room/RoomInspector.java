package dev.contractgate.room;

import dev.contractgate.chat.Channel;
import dev.contractgate.chat.Channels;
import dev.contractgate.chat.Member;
import dev.contractgate.gate.Coverage;
import dev.contractgate.gate.Gate;
import dev.contractgate.gate.RoomState;
import dev.contractgate.gate.RoomView;
import dev.contractgate.outbox.OutboxDao;
import dev.contractgate.outbox.OutboxEntry;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** A room's standing: its gate state, each member's role and coverage, and what the bot said there lately. */
public final class RoomInspector {
    private static final int RECENT_ACTIONS = 20;

    /** A member, as the gate sees it. */
    public record MemberReport(String accountId, String name, String role, Long coveredBy, Long pendingClaim) {
    }

    /**
     * A room, as the gate sees it.
     *
     * @param membersSource where the member list came from: read from the channel, or the roster of who has spoken
     */
    public record RoomReport(String channel, String roomId, RoomState state, List<MemberReport> members,
                             RoomDirectory.MembersSource membersSource, List<OutboxEntry> recentActions) {
    }

    private final Channels channels;
    private final RoomDirectory rooms;
    private final CoverageLookup coverage;
    private final Jdbi jdbi;
    private final Clock clock;

    public RoomInspector(Channels channels, RoomDirectory rooms, CoverageLookup coverage, Jdbi jdbi, Clock clock) {
        this.channels = channels;
        this.rooms = rooms;
        this.coverage = coverage;
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** Each counterpart's coverage with the room's freelancers. */
    public Map<String, Coverage> coverage(RoomView room, Instant now) {
        Map<String, Coverage> byCounterpart = new LinkedHashMap<>();
        for (String counterpart : room.counterparts()) {
            byCounterpart.put(counterpart, coverage.coverage(room.channel(), room.roomId(), counterpart, room.freelancers(), now));
        }
        return byCounterpart;
    }

    /** The room as last seen, or empty when the channel is unknown, the id cannot be its room, or the bot never saw it. */
    public Optional<RoomReport> inspect(String channelName, String roomId) {
        Channel channel = channels.find(channelName).orElse(null);
        if (channel == null || channel.ids().roomIdProblem(roomId).isPresent()) {
            return Optional.empty();
        }
        RoomView room = rooms.stored(channel, roomId);
        if (room.members().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(report(room, coverage(room, clock.instant())));
    }

    /** The report of a room whose coverage is known. */
    public RoomReport report(RoomView room, Map<String, Coverage> coverage) {
        RoomState state = Gate.state(room.freelancers(), room.counterparts(), coverage);
        List<MemberReport> members = room.members().stream().map(member -> member(room, member, coverage)).toList();
        List<OutboxEntry> recent = jdbi.onDemand(OutboxDao.class).recentInRoom(room.channel(), room.roomId(), RECENT_ACTIONS);
        return new RoomReport(room.channel(), room.roomId(), state, members,
                rooms.membersSource(room.channel(), room.roomId()), recent);
    }

    private static MemberReport member(RoomView room, Member member, Map<String, Coverage> coverage) {
        String id = member.accountId();
        if (id.equals(room.botAccountId())) {
            return new MemberReport(id, member.name(), "bot", null, null);
        }
        if (room.freelancers().contains(id)) {
            return new MemberReport(id, member.name(), "freelancer", null, null);
        }
        Coverage standing = coverage.getOrDefault(id, Coverage.NONE);
        return new MemberReport(id, member.name(), "counterpart",
                standing.covering() == null ? null : standing.covering().id(),
                standing.pending() == null ? null : standing.pending().id());
    }
}
