package dev.contractgate.command;

/**
 * A chat command.
 *
 * @param argument what followed the command word (the reference of {@code apply}), or empty
 * @param word the word as written, for the help text when it is not a command
 */
public record Command(Type type, String argument, String word) {
    public enum Type { HELP, STATUS, REGISTER, APPLY, CONFIRM, SUMMARY, LINK, UNKNOWN }

    /**
     * The language of the word used, which the answer is written in: {@code en} for a word in Latin letters
     * ("help"), {@code ja} for one in Japanese (「ヘルプ」); empty for a word that tells neither ("?"), or none.
     */
    public java.util.Optional<String> language() {
        if (word.isEmpty()) {
            return java.util.Optional.empty();
        }
        if (word.chars().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HIRAGANA
                || Character.UnicodeScript.of(c) == Character.UnicodeScript.KATAKANA
                || Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)) {
            return java.util.Optional.of("ja");
        }
        return word.chars().anyMatch(c -> c < 128 && Character.isLetter(c)) ? java.util.Optional.of("en")
                : java.util.Optional.empty();
    }
}
