package dev.contractgate.teams;

/**
 * A call to Microsoft (token endpoint or Connector) that did not succeed.
 *
 * @see #status() 0 when no HTTP answer arrived
 */
final class TeamsException extends RuntimeException {
    private final int status;
    private final boolean maybeReceived;
    private final Long retryAfterSeconds;
    private final boolean tokenEndpoint;

    TeamsException(int status, boolean maybeReceived, Long retryAfterSeconds, String message, Throwable cause) {
        this(status, maybeReceived, retryAfterSeconds, message, cause, false);
    }

    /** @param tokenEndpoint true when the bot could not get its own token (nothing was sent to the Connector) */
    TeamsException(int status, boolean maybeReceived, Long retryAfterSeconds, String message, Throwable cause,
                   boolean tokenEndpoint) {
        super(message, cause);
        this.status = status;
        this.maybeReceived = maybeReceived;
        this.retryAfterSeconds = retryAfterSeconds;
        this.tokenEndpoint = tokenEndpoint;
    }

    boolean tokenEndpoint() {
        return tokenEndpoint;
    }

    int status() {
        return status;
    }

    /** False when the request certainly never reached Microsoft (or was refused before it was acted on). */
    boolean maybeReceived() {
        return maybeReceived;
    }

    /** The {@code Retry-After} Microsoft sent with a 429, or null. */
    Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
