package dev.contractgate.analysis;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which parts of a Chatwork message body are not the sender's own words. Tags are markup; a quote
 * {@code [qt]…[/qt]} is somebody else's old message; a {@code [code]…[/code]} block is code or sample data.
 *
 * @see <a href="https://developer.chatwork.com/docs/message-notation">Chatwork message notation</a>
 */
final class ChatworkNotation {
    private static final Pattern TAG = Pattern.compile(
            "\\[(?:to:\\d+|rp aid=\\d+[^\\]\\[]{0,80}|picon:\\d+|piconname:\\d+|toall|hr|/?info|/?title"
                    + "|qtmeta[^\\]\\[]{0,80}|download:\\d+|preview[^\\]\\[]{0,80}|dtext:[^\\]\\[]{0,80}|/?task[^\\]\\[]{0,80})\\]",
            Pattern.CASE_INSENSITIVE);

    private ChatworkNotation() {
    }

    /** Marks every char that is notation, quoted or code; null when the text has no notation at all. */
    static boolean[] hidden(String text) {
        if (text.indexOf('[') < 0) {
            return null;
        }
        boolean[] hidden = null;
        Matcher tag = TAG.matcher(text);
        String lower = text.toLowerCase(Locale.ROOT);
        int i = text.indexOf('[');
        while (i >= 0 && i < text.length()) {
            int end = -1;
            if (lower.startsWith("[qt]", i)) {
                end = blockEnd(lower, i, "[qt]", "[/qt]");
            } else if (lower.startsWith("[code]", i)) {
                end = blockEnd(lower, i, "[code]", "[/code]");
            } else if (tag.region(i, text.length()).lookingAt()) {
                end = tag.end();
            }
            if (end > i) {
                if (hidden == null) {
                    hidden = new boolean[text.length()];
                }
                for (int k = i; k < end; k++) {
                    hidden[k] = true;
                }
                i = text.indexOf('[', end);
            } else {
                i = text.indexOf('[', i + 1);
            }
        }
        return hidden;
    }

    /** End of a block that may nest; an unclosed block hides only its opening tag. */
    private static int blockEnd(String lower, int start, String open, String close) {
        int depth = 0;
        int i = start;
        while (i < lower.length()) {
            if (lower.startsWith(open, i)) {
                depth++;
                i += open.length();
            } else if (lower.startsWith(close, i)) {
                depth--;
                i += close.length();
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return start + open.length();
    }
}
