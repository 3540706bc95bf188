-- What a channel's catch-up last read of each room: the room's own change marker at that read (Chatwork: the
-- last_update_time GET /rooms gives), so a pass reads only the rooms that changed since, and a restart does not read
-- every room again.
CREATE TABLE room_read_mark (
    channel   VARCHAR(32)  NOT NULL,
    room_id   VARCHAR(256) NOT NULL,
    mark      BIGINT       NOT NULL,
    read_at   BIGINT       NOT NULL,
    PRIMARY KEY (channel, room_id)
);
