package dev.contractgate.web;

import dev.contractgate.outbox.DeadLetters;
import dev.contractgate.outbox.OutboxDao;
import dev.contractgate.outbox.OutboxEntry;
import dev.contractgate.registry.ChannelIds;
import io.javalin.http.Context;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code GET /api/outbox?status=&room_id=&limit=}: the bot's replies, newest first, for operators; and their repairs,
 * {@code POST /api/outbox/{id}/retry} and {@code POST /api/outbox/{id}/discard}.
 */
public final class OutboxApi {
    static final List<String> STATUSES = List.of(OutboxEntry.PENDING, OutboxEntry.SENDING, OutboxEntry.SENT,
            OutboxEntry.HELD, OutboxEntry.DEAD, OutboxEntry.DISCARDED, OutboxEntry.DEFERRED);

    private final Jdbi jdbi;
    private final DeadLetters deadLetters;

    public OutboxApi(Jdbi jdbi, DeadLetters deadLetters) {
        this.jdbi = jdbi;
        this.deadLetters = deadLetters;
    }

    /** A {@code dead} or {@code held} entry back to {@code pending}. */
    public void retry(Context ctx) {
        Principal principal = ApiAuth.operator(ctx);
        QueryInput.none(ctx);
        ctx.json(OutboxView.of(deadLetters.retry(principal.actor(), PathIds.id(ctx, "outbox entry"))));
    }

    /** An entry that is not sent (nor being sent) given up: {@code discarded}. */
    public void discard(Context ctx) {
        Principal principal = ApiAuth.operator(ctx);
        QueryInput.none(ctx);
        ctx.json(OutboxView.of(deadLetters.discard(principal.actor(), PathIds.id(ctx, "outbox entry"))));
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
