package dev.contractgate.bot;

import java.time.Instant;
import java.util.Set;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** What the bot remembers of the messages it acted on. */
public interface BotDao {
    /** @return 1 the first time this version of the message is handled, 0 after */
    @SqlUpdate("""
            INSERT INTO handled_message (channel, room_id, message_id, version, handled_at)
            VALUES (:channel, :roomId, :messageId, :version, :now)
            ON CONFLICT (channel, room_id, message_id, version) DO NOTHING
            """)
    int markHandled(String channel, String roomId, String messageId, long version, Instant now);

    @SqlQuery("""
            SELECT COUNT(*) > 0 FROM handled_message
            WHERE channel = :channel AND room_id = :roomId AND message_id = :messageId AND version = :version
            """)
    boolean isHandled(String channel, String roomId, String messageId, long version);

    @SqlQuery("SELECT finding_key FROM alerted_finding WHERE channel = :channel AND room_id = :roomId AND message_id = :messageId")
    Set<String> alertedKeys(String channel, String roomId, String messageId);

    @SqlUpdate("""
            INSERT INTO alerted_finding (channel, room_id, message_id, finding_key, alerted_at)
            VALUES (:channel, :roomId, :messageId, :findingKey, :now)
            ON CONFLICT (channel, room_id, message_id, finding_key) DO NOTHING
            """)
    void markAlerted(String channel, String roomId, String messageId, String findingKey, Instant now);

    /** New messages (not edits) handled in a room after {@code since}: what people wrote since the bot last spoke. */
    @SqlQuery("""
            SELECT COUNT(*) FROM handled_message
            WHERE channel = :channel AND room_id = :roomId AND version = 0 AND handled_at > :since
            """)
    int messagesSince(String channel, String roomId, Instant since);
}
