package dev.contractgate.chat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/** {@link RoomMarks} in the database. */
@RegisterConstructorMapper(RoomMarkDao.Row.class)
public interface RoomMarkDao extends RoomMarks {
    record Row(String roomId, long mark, Instant readAt) {
    }

    @SqlQuery("SELECT room_id, mark, read_at FROM room_read_mark WHERE channel = :channel")
    List<Row> rows(String channel);

    @Override
    default Map<String, Mark> marks(String channel) {
        return rows(channel).stream().collect(Collectors.toUnmodifiableMap(Row::roomId, row -> new Mark(row.mark(), row.readAt())));
    }

    /** A marker never goes back: of two instances reading the same room, the later marker stays. */
    @Override
    @Transaction
    @SqlUpdate("""
            INSERT INTO room_read_mark (channel, room_id, mark, read_at) VALUES (:channel, :roomId, :mark, :at)
            ON CONFLICT (channel, room_id) DO UPDATE SET mark = excluded.mark, read_at = excluded.read_at
            WHERE room_read_mark.mark <= excluded.mark
            """)
    void read(String channel, String roomId, long mark, Instant at);

    @SqlBatch("""
            INSERT INTO room_read_mark (channel, room_id, mark, read_at) VALUES (:channel, :roomId, :mark, :at)
            ON CONFLICT (channel, room_id) DO UPDATE SET mark = excluded.mark, read_at = excluded.read_at
            WHERE room_read_mark.mark <= excluded.mark
            """)
    void readEach(String channel, List<String> roomId, List<Long> mark, Instant at);

    /** In one transaction (a first pass may find a thousand quiet rooms). */
    @Override
    @Transaction
    default void readAll(String channel, Map<String, Long> marks, Instant at) {
        List<String> rooms = List.copyOf(marks.keySet());
        readEach(channel, rooms, rooms.stream().map(marks::get).toList(), at);
    }
}
