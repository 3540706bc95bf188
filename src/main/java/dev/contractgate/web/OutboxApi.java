package dev.contractgate.web;

import dev.contractgate.outbox.OutboxDao;
import dev.contractgate.outbox.OutboxEntry;
import dev.contractgate.registry.ChannelIds;
import io.javalin.http.Context;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** {@code GET /api/outbox?status=&room_id=&limit=}: the bot's replies, newest first, for operators. */
public final class OutboxApi {
    static final List<String> STATUSES = List.of(OutboxEntry.PENDING, OutboxEntry.SENDING, OutboxEntry.SENT,
            OutboxEntry.HELD, OutboxEntry.DEAD, OutboxEntry.DEFERRED);

    private final Jdbi jdbi;

    public OutboxApi(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public void list(Context ctx) {
        ApiAuth.operator(ctx);
        QueryInput query = new QueryInput(ctx, "status", "room_id", "limit");
        String status = query.oneOfText("status", STATUSES);
        String roomId = query.text("room_id");
        ChannelIds.anyId("room_id", roomId, query.errors());
        int limit = query.limit();
        query.errors().throwIfAny("invalid query");
        ctx.json(jdbi.onDemand(OutboxDao.class).list(status, roomId, limit).stream().map(OutboxView::of).toList());
    }
}
