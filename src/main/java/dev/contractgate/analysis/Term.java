package dev.contractgate.analysis;

import java.util.Objects;

/**
 * A term of the job found in a message, normalised for the ledger: {@code AMOUNT} is yen as a whole number
 * ({@code "50000"}, other currencies {@code "USD 500"}), {@code RATE} e.g. {@code "3000 JPY/hour"},
 * {@code DEADLINE} an ISO-8601 date when it can be resolved (else the text), others a short normalised text.
 */
public record Term(TermType type, String value) {
    public Term {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
    }
}
