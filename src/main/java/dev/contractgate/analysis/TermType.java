package dev.contractgate.analysis;

import java.util.Locale;

/** The kind of term a negotiation finding is about. */
public enum TermType {
    AMOUNT, RATE, DEADLINE, SCOPE, PAYMENT, REVISIONS, NDA, OTHER;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type with this id ({@code scope}, {@code payment}, …), or null. */
    public static TermType fromId(String id) {
        for (TermType type : values()) {
            if (type.id().equals(id)) {
                return type;
            }
        }
        return null;
    }
}
