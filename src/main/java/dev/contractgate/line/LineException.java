package dev.contractgate.line;

/**
 * A call to the Messaging API that did not succeed.
 *
 * @see #status() 0 when no HTTP answer arrived
 */
final class LineException extends RuntimeException {
    private final int status;
    private final boolean maybeReceived;
    private final String lineMessage;

    /**
     * @param maybeReceived false when the request certainly never reached LINE, or LINE refused it before acting
     * @param lineMessage the {@code message} of LINE's error body (it never holds the token), or null
     */
    LineException(int status, boolean maybeReceived, String lineMessage, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.maybeReceived = maybeReceived;
        this.lineMessage = lineMessage;
    }

    int status() {
        return status;
    }

    boolean maybeReceived() {
        return maybeReceived;
    }

    String lineMessage() {
        return lineMessage == null ? "" : lineMessage;
    }
}
