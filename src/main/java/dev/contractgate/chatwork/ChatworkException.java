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
    private final boolean maybeReceived;

    public ChatworkException(int status, List<String> errors, RateLimit rateLimit, String message, Throwable cause) {
        this(status, errors, rateLimit, message, cause, status != 0);
    }

    /** @param maybeReceived false when the request certainly never reached Chatwork */
    public ChatworkException(int status, List<String> errors, RateLimit rateLimit, String message, Throwable cause,
                             boolean maybeReceived) {
        super(message, cause);
        this.status = status;
        this.errors = List.copyOf(errors);
        this.rateLimit = rateLimit;
        this.maybeReceived = maybeReceived;
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

    /**
     * Chatwork may have acted on the request although it did not say so: no answer after the request went out (a
     * timeout, a dropped connection), or a 5xx.
     */
    public boolean isUnknownOutcome() {
        return status == 0 ? maybeReceived : status >= 500;
    }
}
