package dev.contractgate.room;

import dev.contractgate.chat.Channel;
import dev.contractgate.chat.ChannelReadException;
import dev.contractgate.chat.ConversationDao;
import dev.contractgate.chat.Member;
import dev.contractgate.chat.Members;
import dev.contractgate.gate.RoomView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who is in which room. Members come from the channel ({@link dev.contractgate.chat.Outbound#members}), are cached and
 * stored, and are read again after the TTL or as soon as an unknown sender speaks. Nothing is decided on a list that
 * could not be read: a failed read is thrown to the caller, except that a list the channel gave before stands in while
 * the sender is on it. Where the channel gives no list by design (a dry run; an account that may not read member
 * lists), the members are the roster of who has been seen: senders, and who the channel said joined. The room's
 * freelancers are bound the first time the room is seen with a registered freelancer in it (or by the register
 * command); a member who registers as a freelancer later does not turn a bound room's counterpart into a freelancer.
 */
public final class RoomDirectory {
    private static final Logger log = LoggerFactory.getLogger(RoomDirectory.class);

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

    /**
     * The room as it stands when {@code senderId} speaks in it.
     *
     * @throws ChannelReadException when the members cannot be read and nothing stored may stand in for them: the
     *         caller must not decide anything about the room now
     */
    public RoomView view(Channel channel, String roomId, String senderId) {
        return view(channel, roomId, senderId, null);
    }

    /**
     * The room as it stands when {@code senderId} (named {@code senderName}, if the event says) speaks in it.
     *
     * @throws ChannelReadException as {@link #view(Channel, String, String)}
     */
    public RoomView view(Channel channel, String roomId, String senderId, String senderName) {
        Found found = members(channel, roomId, senderId, senderName);
        List<String> bound = boundFreelancers(channel.name(), roomId, found.members());
        if (found.source() == MembersSource.CHANNEL) {
            // The channel's member list is complete: a bound freelancer who left the room no longer counts.
            bound = bound.stream().filter(found::has).toList();
        }
        return new RoomView(channel.name(), roomId, channel.botAccountId().orElse(null), found.members(), bound);
    }

    /** Where a room's member list came from ({@code members_source}). */
    public enum MembersSource {
        /** Read from the channel: complete. */
        CHANNEL,
        /** Who has been seen, where the channel gives no list (a dry run), or someone the channel said joined. */
        ROSTER;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** {@link MembersSource#CHANNEL} when the stored members are all the channel's own list, else the roster. */
    public MembersSource membersSource(String channel, String roomId) {
        return source(jdbi.onDemand(RoomDao.class).members(channel, roomId));
    }

    private static MembersSource source(List<RoomDao.StoredMember> stored) {
        return !stored.isEmpty() && stored.stream().allMatch(member -> RoomDao.FROM_CHANNEL.equals(member.source()))
                ? MembersSource.CHANNEL : MembersSource.ROSTER;
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
        List<Member> members = toMembers(dao.members(channel.name(), roomId));
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

    /** A room's members and where they came from. */
    private record Found(List<Member> members, MembersSource source) {
        boolean has(String accountId) {
            return members.stream().anyMatch(member -> member.accountId().equals(accountId));
        }
    }

    private Found members(Channel channel, String roomId, String senderId, String senderName) {
        String key = channel.name() + "/" + roomId;
        Instant now = clock.instant();
        Cached cached = cache.get(key);
        if (cached != null && cached.has(senderId) && now.isBefore(cached.readAt().plus(ttl))) {
            return new Found(cached.members(), MembersSource.CHANNEL);
        }
        RoomDao dao = jdbi.onDemand(RoomDao.class);
        Members reported;
        try {
            String conversation = jdbi.onDemand(ConversationDao.class).reference(channel.name(), roomId).orElse(null);
            reported = channel.outbound().members(roomId, conversation);
        } catch (ChannelReadException e) {
            return storedInstead(dao, channel.name(), roomId, senderId, e);
        }
        if (reported instanceof Members.Listed listed) {
            if (listed.members().isEmpty()) {
                // The bot itself is a member of any room it can read: an empty list is no answer.
                throw new ChannelReadException(ChannelReadException.Kind.UNAVAILABLE, null,
                        channel.name() + " answered an empty member list for room " + roomId, null);
            }
            dao.replaceMembers(channel.name(), roomId, listed.members(), now);
            List<Member> members = toMembers(dao.members(channel.name(), roomId));
            cache.put(key, new Cached(members, now));
            return new Found(members, MembersSource.CHANNEL);
        }
        // No list by design: the roster of who has been seen (an event that names nobody, LINE's join, adds nobody).
        if (!senderId.isEmpty()
                && dao.members(channel.name(), roomId).stream().noneMatch(member -> member.accountId().equals(senderId))) {
            dao.putMember(channel.name(), roomId, senderId, senderName, RoomDao.SEEN, now);
        }
        return new Found(toMembers(dao.members(channel.name(), roomId)), MembersSource.ROSTER);
    }

    /**
     * A list the channel gave before may stand in while it is unavailable, as long as the sender is on it: an unknown
     * sender is exactly what the stored list cannot judge.
     */
    private Found storedInstead(RoomDao dao, String channel, String roomId, String senderId, ChannelReadException e) {
        List<RoomDao.StoredMember> stored = dao.members(channel, roomId);
        if (e.isGone() || source(stored) != MembersSource.CHANNEL
                || stored.stream().noneMatch(member -> member.accountId().equals(senderId))) {
            throw e;
        }
        log.warn("rooms: cannot read the members of {} room {} ({}); using the list read at {}", channel, roomId,
                e.getMessage(), stored.get(0).updatedAt());
        return new Found(toMembers(stored), MembersSource.CHANNEL);
    }

    private static List<Member> toMembers(List<RoomDao.StoredMember> stored) {
        return stored.stream().map(member -> new Member(member.accountId(), member.name())).toList();
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
