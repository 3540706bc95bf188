package dev.contractgate.registry;

/** The actor's role does not allow this (a party acting for another account, a party recording a confirmation). Answered as 403. */
public final class NotPermittedException extends RuntimeException {
    public NotPermittedException(String message) {
        super(message);
    }
}
