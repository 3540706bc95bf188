package dev.contractgate.registry;

/**
 * The change does not fit the current state: a transition the lifecycle does not allow, confirming one's own claim,
 * a party registered again with another role. Answered as 409.
 */
public final class ConflictException extends RuntimeException {
    public ConflictException(String message) {
        super(message);
    }
}
