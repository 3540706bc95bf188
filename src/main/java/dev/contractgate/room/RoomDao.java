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
}
