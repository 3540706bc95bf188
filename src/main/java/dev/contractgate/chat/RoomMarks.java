package dev.contractgate.chat;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a channel's catch-up last read of each room: the room's change marker at that read (a number that grows when
 * something happens in the room) and when. Kept in the database, so a restart reads only the rooms that changed.
 */
public interface RoomMarks {
    /** A room's marker when it was last read, and when that was. */
    record Mark(long mark, Instant readAt) {
    }

    /** Every room of the channel read so far. */
    Map<String, Mark> marks(String channel);

    /** The room was read when its marker stood at {@code mark}. */
    void read(String channel, String roomId, long mark, Instant at);

    /** These rooms were read (or found quiet) when their markers stood as given. */
    default void readAll(String channel, Map<String, Long> marks, Instant at) {
        marks.forEach((roomId, mark) -> read(channel, roomId, mark, at));
    }

    /** Kept in memory only (tools and tests that have no database): a restart reads every room again. */
    static RoomMarks inMemory() {
        Map<String, Map<String, Mark>> byChannel = new ConcurrentHashMap<>();
        return new RoomMarks() {
            @Override
            public Map<String, Mark> marks(String channel) {
                return Map.copyOf(byChannel.getOrDefault(channel, Map.of()));
            }

            @Override
            public void read(String channel, String roomId, long mark, Instant at) {
                byChannel.computeIfAbsent(channel, name -> new ConcurrentHashMap<>()).put(roomId, new Mark(mark, at));
            }
        };
    }
}
