package dev.contractgate.ledger;

import java.time.Instant;

/**
 * A term found in a room (table {@code ledger_entry}).
 *
 * @param termType {@code amount}, {@code rate}, {@code deadline}, {@code scope}, {@code payment}, {@code revisions},
 *                 {@code nda} or {@code other}
 * @param value the normalised value: yen as an integer, dates in ISO 8601
 * @param text the passage as written
 * @param question true when the message asked rather than stated
 * @param answeredBy who accepted the proposal, when it was a question and the other side accepted it; else null
 * @param retractedAt when the sender took the message back (LINE unsend, a deleted message); the term is kept, and
 *                    no longer counts as what was agreed; else null
 */
public record LedgerEntry(long id, String channel, String roomId, String messageId, String senderId, Instant saidAt,
                          String termType, String value, String text, boolean question, String answeredBy,
                          Instant answeredAt, Instant recordedAt, Instant retractedAt) {

    public boolean retracted() {
        return retractedAt != null;
    }

    /** A proposal made as a question that nobody has accepted yet. */
    public boolean open() {
        return question && answeredBy == null && retractedAt == null;
    }
}
