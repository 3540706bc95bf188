package dev.contractgate.gate;

/**
 * One counterpart's standing with the room's freelancers.
 *
 * @param covering a confirmed, unexpired application, or null
 * @param pending a claim waiting for confirmation, or null
 */
public record Coverage(ApplicationView covering, ApplicationView pending) {
    public static final Coverage NONE = new Coverage(null, null);

    public boolean covered() {
        return covering != null;
    }

    public boolean claimed() {
        return covering == null && pending != null;
    }
}
