package dev.contractgate.room;

import dev.contractgate.chat.Channel;
import dev.contractgate.chat.ConversationDao;
import dev.contractgate.chat.Member;
import dev.contractgate.chat.Members;
import dev.contractgate.gate.RoomView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who is in which room. Members come from the channel ({@code GET /rooms/{id}/members}), are cached and stored, and
 * are read again after the TTL or as soon as an unknown sender speaks. Where the channel gives no list (a dry run; an
 * account that may not read member lists) the members are the roster of who has been seen: senders, and who the
 * channel said joined. The room's freelancers are bound the first time the room is seen with a
 * registered freelancer in it (or by the register command); a member who registers as a freelancer later does not
 * turn a bound room's counterpart into a freelancer.
 */
public final class RoomDirectory {
    private static final Logger log = LoggerFactory.getLogger(RoomDirectory.class);

    /** Where a room's member list came from (interface.md, {@code members_source}). */
    public static final String FROM_CHANNEL = "channel";
    public static final String FROM_ROSTER = "roster";

    private record Cached(List<Member> members, Instant readAt) {
        boolean has(String accountId) {
            return members.stream().anyMatch(member -> member.accountId().equals(accountId));
        }
    }

    private final Jdbi jdbi;
    private final FreelancerLookup freelancers;
    private final Duration ttl;
    private final Clock clock;
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

    public RoomDirectory(Jdbi jdbi, FreelancerLookup freelancers, Duration ttl, Clock clock) {
        this.jdbi = jdbi;
        this.freelancers = freelancers;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** The room as it stands when {@code senderId} speaks in it. */
    public RoomView view(Channel channel, String roomId, String senderId) {
        return view(channel, roomId, senderId, null);
    }

    /** The room as it stands when {@code senderId} (named {@code senderName}, if the event says) speaks in it. */
    public RoomView view(Channel channel, String roomId, String senderId, String senderName) {
        List<Member> members = members(channel, roomId, senderId, senderName);
        List<String> bound = boundFreelancers(channel.name(), roomId, members);
        if (FROM_CHANNEL.equals(membersSource(channel.name(), roomId))) {
            // The channel's member list is complete: a bound freelancer who left the room no longer counts.
            bound = bound.stream().filter(id -> members.stream().anyMatch(member -> member.accountId().equals(id))).toList();
        }
        return new RoomView(channel.name(), roomId, channel.botAccountId().orElse(null), members, bound);
    }

    /** {@value #FROM_CHANNEL} when the stored members are the channel's own list, {@value #FROM_ROSTER} when any was only seen. */
    public String membersSource(String channel, String roomId) {
        return jdbi.onDemand(RoomDao.class).members(channel, roomId).stream()
                .anyMatch(member -> !RoomDao.FROM_CHANNEL.equals(member.source())) ? FROM_ROSTER : FROM_CHANNEL;
    }

    /** The channel said these accounts joined the room: they are on its roster, and its list is read again. */
    public void joined(String channel, String roomId, List<Member> joined) {
        RoomDao dao = jdbi.onDemand(RoomDao.class);
        Instant now = clock.instant();
        for (Member member : joined) {
            dao.putMember(channel, roomId, member.accountId(), member.name(), RoomDao.SEEN, now);
        }
        invalidate(channel, roomId);
    }

    /** The channel said these accounts left the room. */
    public void left(String channel, String roomId, List<Member> left) {
        RoomDao dao = jdbi.onDemand(RoomDao.class);
        for (Member member : left) {
            dao.forgetMember(channel, roomId, member.accountId());
        }
        invalidate(channel, roomId);
    }

    /** The room as last known, without asking the channel. */
    public RoomView stored(Channel channel, String roomId) {
        RoomDao dao = jdbi.onDemand(RoomDao.class);
        List<Member> members = dao.members(channel.name(), roomId).stream()
                .map(member -> new Member(member.accountId(), member.name()))
                .toList();
        List<String> bound = dao.freelancers(channel.name(), roomId).stream().map(RoomDao.BoundFreelancer::accountId).toList();
        return new RoomView(channel.name(), roomId, channel.botAccountId().orElse(null), members, bound);
    }

    /** Binds an account as a freelancer of the room (the register command). */
    public boolean bindFreelancer(String channel, String roomId, String accountId, String boundBy) {
        return jdbi.onDemand(RoomDao.class).bindFreelancer(channel, roomId, accountId, boundBy, clock.instant()) == 1;
    }

    /** Forgets the cached members of a room, so the next view reads them again. */
    public void invalidate(String channel, String roomId) {
        cache.remove(channel + "/" + roomId);
    }

    private List<Member> members(Channel channel, String roomId, String senderId, String senderName) {
        String key = channel.name() + "/" + roomId;
        Instant now = clock.instant();
        Cached cached = cache.get(key);
        if (cached != null && cached.has(senderId) && now.isBefore(cached.readAt().plus(ttl))) {
            return cached.members();
        }
        RoomDao dao = jdbi.onDemand(RoomDao.class);
        Optional<List<Member>> reported = Optional.empty();
        try {
            String conversation = jdbi.onDemand(ConversationDao.class).reference(channel.name(), roomId).orElse(null);
            if (channel.outbound().members(roomId, conversation) instanceof Members.Listed listed) {
                reported = Optional.of(listed.members());
            }
        } catch (RuntimeException e) {
            log.warn("rooms: cannot read the members of {} room {}: {}; using what is stored", channel.name(), roomId,
                    e.getMessage());
        }
        if (reported.isPresent()) {
            dao.replaceMembers(channel.name(), roomId, reported.get(), now);
        } else if (dao.members(channel.name(), roomId).stream().noneMatch(member -> member.accountId().equals(senderId))) {
            dao.putMember(channel.name(), roomId, senderId, senderName, RoomDao.SEEN, now);
        }
        List<Member> members = dao.members(channel.name(), roomId).stream()
                .map(member -> new Member(member.accountId(), member.name()))
                .toList();
        if (reported.isPresent()) {
            cache.put(key, new Cached(members, now));
        }
        return members;
    }

    private List<String> boundFreelancers(String channel, String roomId, List<Member> members) {
        RoomDao dao = jdbi.onDemand(RoomDao.class);
        List<String> bound = dao.freelancers(channel, roomId).stream().map(RoomDao.BoundFreelancer::accountId).toList();
        if (!bound.isEmpty()) {
            return bound;
        }
        java.util.Set<String> found = freelancers.freelancersAmong(channel, members.stream().map(Member::accountId).toList());
        List<String> registered = members.stream().map(Member::accountId).filter(found::contains).toList();
        for (String accountId : registered) {
            dao.bindFreelancer(channel, roomId, accountId, "registered freelancer present when the room was first seen", clock.instant());
            log.info("rooms: {} room {}: freelancer {} bound", channel, roomId, accountId);
        }
        return registered;
    }
}
