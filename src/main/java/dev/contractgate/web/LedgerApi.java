package dev.contractgate.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.contractgate.room.RoomInspector;
import dev.contractgate.ledger.Ledger;
import dev.contractgate.ledger.LedgerEntry;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /api/rooms/{channel}/{room_id}/ledger?format=json|csv&limit=}: the terms said in the room, newest first;
 * {@code current} marks the latest value of each term type. Who may read it: as for the room.
 */
public final class LedgerApi {
    private static final CsvMapper CSV = new CsvMapper();
    private static final CsvSchema SCHEMA = CsvSchema.builder()
            .addColumn("id").addColumn("said_at").addColumn("sender_id").addColumn("sender_name").addColumn("term_type")
            .addColumn("value").addColumn("text").addColumn("question").addColumn("answered_by").addColumn("current")
            .addColumn("message_id")
            .build().withHeader();

    private final RoomInspector inspector;
    private final Ledger ledger;

    public LedgerApi(RoomInspector inspector, Ledger ledger) {
        this.inspector = inspector;
        this.ledger = ledger;
    }

    record EntryView(long id, Instant saidAt, String senderId, String senderName, String termType, String value,
                     String text, boolean question, String answeredBy, Instant answeredAt, Instant retractedAt, boolean current,
                     String messageId) {
    }

    public void list(Context ctx) {
        QueryInput query = new QueryInput(ctx, "format", "limit");
        String format = query.oneOfText("format", List.of("json", "csv"));
        int limit = query.limit();
        query.errors().throwIfAny("invalid query");
        format = format == null ? "json" : format;
        RoomInspector.RoomReport room = RoomsApi.visibleRoom(ctx, inspector);
        String channel = room.channel();
        String roomId = room.roomId();
        Map<String, String> names = new java.util.HashMap<>();
        room.members().forEach(member -> names.put(member.accountId(), member.name()));
        List<LedgerEntry> history = ledger.history(channel, roomId);
        Set<Long> current = new java.util.HashSet<>();
        Ledger.current(history).values().forEach(entry -> current.add(entry.id()));
        List<EntryView> views = new ArrayList<>();
        for (int i = history.size() - 1; i >= 0 && views.size() < limit; i--) {
            LedgerEntry entry = history.get(i);
            views.add(new EntryView(entry.id(), entry.saidAt(), entry.senderId(), names.get(entry.senderId()),
                    entry.termType(), entry.value(), entry.text(), entry.question(), entry.answeredBy(),
                    entry.answeredAt(), entry.retractedAt(), current.contains(entry.id()), entry.messageId()));
        }
        if (format.equals("json")) {
            ctx.json(views);
            return;
        }
        ctx.contentType("text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"ledger-" + channel + "-" + roomId + ".csv\"")
                .result(csv(views));
    }

    static String csv(List<EntryView> views) {
        List<Object[]> rows = new ArrayList<>();
        for (EntryView view : views) {
            rows.add(new Object[] {view.id(), view.saidAt().toString(), view.senderId(), view.senderName(), view.termType(),
                view.value(), view.text(), view.question(), view.answeredBy(), view.current(), view.messageId()});
        }
        try {
            return CSV.writer(SCHEMA).writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the ledger cannot be written as CSV", e);
        }
    }
}
