package dev.contractgate.web.pages;

import java.time.Instant;
import java.util.List;

/**
 * What every link page shows about its link.
 *
 * @param mayAct true when this browser may act with the link (sent privately, or its code was posted)
 * @param code the one-time code to post in the room, when one was just made for this browser; else null
 * @param codeCommand the whole message to post, with the code
 * @param errors what was wrong with the last form, in the visitor's words
 */
public record LinkView(String token, String channel, String roomId, String personName, Instant expiresAt,
                       boolean mayAct, String code, String codeCommand, List<String> errors) {
    public LinkView {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }
}
