package dev.contractgate.command;

/**
 * A chat command.
 *
 * @param argument what followed the command word (the reference of {@code apply}), or empty
 * @param word the word as written, for the help text when it is not a command
 */
public record Command(Type type, String argument, String word) {
    public enum Type { HELP, STATUS, REGISTER, APPLY, CONFIRM, SUMMARY, LINK, UNKNOWN }
}
