package dev.contractgate.web;

import dev.contractgate.inbox.InboxDao;
import dev.contractgate.inbox.InboxEvent;
import dev.contractgate.registry.ChannelIds;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** {@code GET /api/inbox?status=&room_id=&limit=}: received events and what became of them, newest first, for operators. */
public final class InboxApi {
    static final List<String> STATUSES = List.of(InboxEvent.PENDING, InboxEvent.DONE, InboxEvent.IGNORED, InboxEvent.FAILED);

    private final Jdbi jdbi;

    public InboxApi(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    record InboxView(long id, String channel, String eventType, String roomId, String messageId, String status,
                     String note, int attempts, String lastError, Instant receivedAt, Instant processedAt) {
    }

    public void list(Context ctx) {
        ApiAuth.operator(ctx);
        QueryInput query = new QueryInput(ctx, "status", "room_id", "limit");
        String status = query.oneOfText("status", STATUSES);
        String roomId = query.text("room_id");
        ChannelIds.anyId("room_id", roomId, query.errors());
        int limit = query.limit();
        query.errors().throwIfAny("invalid query");
        ctx.json(jdbi.onDemand(InboxDao.class).list(status, roomId, limit).stream()
                .map(e -> new InboxView(e.id(), e.channel(), e.eventType(), e.roomId(), e.messageId(), e.status(),
                        e.note(), e.attempts(), e.lastError(), e.receivedAt(), e.processedAt()))
                .toList());
    }
}
