package dev.contractgate.room;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/** Room members and freelancer bindings. */
public interface RoomDao {
    /** {@code room_member.source}: reported by the channel, or seen (a sender, or someone the channel said joined). */
    String FROM_CHANNEL = "channel";
    String SEEN = "seen";

    /** A stored member. */
    record StoredMember(String accountId, String name, String source, Instant updatedAt) {
    }

    /** A freelancer bound to a room. */
    record BoundFreelancer(String accountId, String boundBy, Instant boundAt) {
    }

    @SqlQuery("SELECT account_id, name, source, updated_at FROM room_member WHERE channel = :channel AND room_id = :roomId ORDER BY account_id")
    @RegisterConstructorMapper(StoredMember.class)
    List<StoredMember> members(String channel, String roomId);

    @SqlUpdate("DELETE FROM room_member WHERE channel = :channel AND room_id = :roomId")
    void forgetMembers(String channel, String roomId);

    @SqlUpdate("DELETE FROM room_member WHERE channel = :channel AND room_id = :roomId AND account_id = :accountId")
    void forgetMember(String channel, String roomId, String accountId);

    @SqlUpdate("""
            INSERT INTO room_member (channel, room_id, account_id, name, source, updated_at)
            VALUES (:channel, :roomId, :accountId, :name, :source, :now)
            ON CONFLICT (channel, room_id, account_id) DO UPDATE SET name = excluded.name, source = excluded.source,
                                                                    updated_at = excluded.updated_at
            """)
    void putMember(String channel, String roomId, String accountId, String name, String source, Instant now);

    /** Replaces the member list with what the channel reported. */
    @Transaction
    default void replaceMembers(String channel, String roomId, List<dev.contractgate.chat.Member> members, Instant now) {
        forgetMembers(channel, roomId);
        for (dev.contractgate.chat.Member member : members) {
            putMember(channel, roomId, member.accountId(), member.name(), FROM_CHANNEL, now);
        }
    }

    @SqlQuery("SELECT account_id, bound_by, bound_at FROM room_freelancer WHERE channel = :channel AND room_id = :roomId ORDER BY bound_at, account_id")
    @RegisterConstructorMapper(BoundFreelancer.class)
    List<BoundFreelancer> freelancers(String channel, String roomId);

    @Transaction
    @SqlUpdate("""
            INSERT INTO room_freelancer (channel, room_id, account_id, bound_by, bound_at)
            VALUES (:channel, :roomId, :accountId, :boundBy, :now)
            ON CONFLICT (channel, room_id, account_id) DO NOTHING
            """)
    int bindFreelancer(String channel, String roomId, String accountId, String boundBy, Instant now);

    /** A room the bot knows: it has members on record. */
    record KnownRoom(String channel, String roomId, java.time.Instant lastMessageAt) {
    }

    /** Every room with members on record, optionally of one channel, the most recently active first. */
    @SqlQuery("""
            SELECT m.channel, m.room_id, MAX(a.last_message_at) AS last_message_at
            FROM room_member m LEFT JOIN room_activity a ON a.channel = m.channel AND a.room_id = m.room_id
            WHERE (:channel IS NULL OR m.channel = :channel)
            GROUP BY m.channel, m.room_id
            ORDER BY COALESCE(MAX(a.last_message_at), MAX(m.updated_at)) DESC, m.channel, m.room_id
            """)
    @RegisterConstructorMapper(KnownRoom.class)
    List<KnownRoom> knownRooms(String channel);

    /** The rooms of a channel where both accounts are members on record (a room-less application covers them all). */
    @SqlQuery("""
            SELECT a.room_id FROM room_member a JOIN room_member b ON b.channel = a.channel AND b.room_id = a.room_id
            WHERE a.channel = :channel AND a.account_id = :first AND b.account_id = :second
            ORDER BY a.room_id
            """)
    List<String> roomsWithBoth(String channel, String first, String second);
}
