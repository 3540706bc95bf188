package dev.contractgate.chat;

import java.util.Locale;

/** What a reply is for; the {@code kind} of an outbox entry (interface.md, "Reply kinds"). */
public enum ReplyKind {
    SETUP_NOTICE, GATE_WARNING, CONFIRM_REQUEST, APPROVAL_NOTICE, NEGOTIATION_REMINDER,
    CONTACT_ALERT, DEAL_ALERT, SCAM_ALERT, COMMAND_REPLY,
    /** The bot was added to a room: who it is and what it does (a setup notice folded in while no freelancer is registered). */
    INTRODUCTION,
    /** A neutral room notice naming no one, when a judgement about a person went to the freelancer privately. */
    CAUTION_NOTICE,
    /** Registry changes told to the room: a claim denied, a confirmation revoked, an application expired. */
    DENIAL_NOTICE, REVOCATION_NOTICE, EXPIRY_NOTICE;

    /** The name used in the API, configuration and templates: {@code gate_warning}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ReplyKind fromId(String id) {
        for (ReplyKind kind : values()) {
            if (kind.id().equals(id)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown reply kind '" + id + "'");
    }
}
