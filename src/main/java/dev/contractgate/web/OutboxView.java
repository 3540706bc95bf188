package dev.contractgate.web;

import dev.contractgate.outbox.OutboxEntry;
import java.time.Instant;
import java.util.List;

/** An outbox entry as the API shows it (interface.md, {@code GET /api/outbox}), with the body and addressees added. */
record OutboxView(long id, String channel, String roomId, String kind, String status, int attempts, String lastError,
                  Trigger trigger, Instant createdAt, Instant sentAt, String remoteMessageId, List<String> addressees,
                  String body, String aboutRoomId) {

    record Trigger(String rule, String messageId, String match) {
    }

    static OutboxView of(OutboxEntry entry) {
        return new OutboxView(entry.id(), entry.channel(), entry.roomId(), entry.kind(), entry.status(), entry.attempts(),
                entry.lastError(), new Trigger(entry.triggerRule(), entry.triggerMessageId(), entry.triggerMatch()),
                entry.createdAt(), entry.sentAt(), entry.remoteMessageId(),
                entry.addresseeList(), entry.body(), entry.aboutRoomId());
    }
}
