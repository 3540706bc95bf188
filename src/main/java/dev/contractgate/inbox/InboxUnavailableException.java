package dev.contractgate.inbox;

/** A delivery could not be stored durably, so it must not be acknowledged. Answered as 503. */
public final class InboxUnavailableException extends RuntimeException {
    public InboxUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
