package dev.contractgate.registry;

/** The thing asked for does not exist, or the actor may not see it (both look the same from outside). Answered as 404. */
public final class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
        super(message);
    }
}
