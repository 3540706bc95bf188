package dev.contractgate.chatwork;

import java.util.List;

/**
 * A Chatwork call that did not succeed.
 *
 * @see #status() 0 when no HTTP answer arrived (network failure or timeout)
 */
public final class ChatworkException extends RuntimeException {
    /** The body Chatwork sends when a room's posting limit (10 per 10 s) is exceeded (chatwork.md, "Rate limits"). */
    static final String ROOM_LIMIT_ERROR = "Rate limit for message posting per room exceeded";

    private final int status;
    private final List<String> errors;
    private final RateLimit rateLimit;

    public ChatworkException(int status, List<String> errors, RateLimit rateLimit, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.errors = List.copyOf(errors);
        this.rateLimit = rateLimit;
    }

    public int status() {
        return status;
    }

    public List<String> errors() {
        return errors;
    }

    /** The budget announced with the error, or null. */
    public RateLimit rateLimit() {
        return rateLimit;
    }

    public boolean isRateLimited() {
        return status == 429;
    }

    /** A 429 for one room's posting limit rather than the account's budget (told apart by the body). */
    public boolean isRoomRateLimited() {
        return status == 429 && errors.stream().anyMatch(error -> error.contains(ROOM_LIMIT_ERROR));
    }

    /** Worth trying again later: no answer, a 5xx, or a 429. */
    public boolean isTransient() {
        return status == 0 || status >= 500 || status == 429;
    }
}
