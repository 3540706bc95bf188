package dev.contractgate.chat;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * What channels keep from inbound events to use later: a room's conversation reference (handed to the channel with
 * every reply and member read) and each person's private route. An older event never replaces what a newer one said.
 */
public interface ConversationDao {
    @SqlUpdate("""
            INSERT INTO conversation (channel, room_id, reference, updated_at)
            VALUES (:channel, :roomId, :reference, :at)
            ON CONFLICT (channel, room_id) DO UPDATE SET reference = excluded.reference, updated_at = excluded.updated_at
            WHERE conversation.updated_at <= excluded.updated_at
            """)
    void remember(String channel, String roomId, String reference, Instant at);

    @SqlQuery("SELECT reference FROM conversation WHERE channel = :channel AND room_id = :roomId")
    Optional<String> reference(String channel, String roomId);

    @SqlUpdate("""
            INSERT INTO person_route (channel, account_id, route, updated_at)
            VALUES (:channel, :accountId, :route, :at)
            ON CONFLICT (channel, account_id) DO UPDATE SET route = excluded.route, updated_at = excluded.updated_at
            WHERE person_route.updated_at <= excluded.updated_at
            """)
    void rememberRoute(String channel, String accountId, String route, Instant at);

    @SqlQuery("SELECT route FROM person_route WHERE channel = :channel AND account_id = :accountId")
    Optional<String> route(String channel, String accountId);
}
