-- The inbox leases a room's events in order: an event waits while an earlier one of its room is pending and not due.
CREATE INDEX inbox_event_room_pending ON inbox_event (channel, room_id, status, id);
