package dev.contractgate.validation;

/**
 * The one input policy for control characters. What a person or a program sends us on purpose (API bodies and query
 * parameters, command-line arguments, configuration) is refused when it holds a control character other than newline
 * and tab. What people wrote in a chat is never refused for it (the chat would not send it again): the C0 controls
 * other than newline, tab and carriage return are removed before the text is analysed or stored.
 */
public final class ControlCharacters {
    private ControlCharacters() {
    }

    /** The index of the first control character other than newline and tab, or of an unpaired surrogate; -1 if none. */
    public static int firstRefused(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\t') {
                return i;
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /** Why {@code text} is refused, or null when it is not: "contains a control character (U+0000) at position 3". */
    public static String problem(String text) {
        int index = text == null ? -1 : firstRefused(text);
        if (index < 0) {
            return null;
        }
        char c = text.charAt(index);
        String what = Character.isSurrogate(c) ? "an unpaired surrogate" : "a control character";
        return "contains " + what + " (U+" + String.format("%04X", (int) c) + ") at position " + index
                + "; only newline and tab are allowed";
    }

    /** Chat text without the C0 controls other than newline, tab and carriage return. */
    public static String stripFromChat(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder kept = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean drop = c < 0x20 && c != '\n' && c != '\t' && c != '\r';
            if (drop && kept == null) {
                kept = new StringBuilder(text.length()).append(text, 0, i);
            } else if (!drop && kept != null) {
                kept.append(c);
            }
        }
        return kept == null ? text : kept.toString();
    }
}
