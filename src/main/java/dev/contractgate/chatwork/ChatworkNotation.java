package dev.contractgate.chatwork;

import dev.contractgate.chat.Reply;
import java.util.BitSet;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Chatwork message notation: how the bot's replies are written, and which parts of a body are not the sender's own words. */
public final class ChatworkNotation {
    /** An opening or closing Chatwork tag, as someone could smuggle into text the bot repeats. */
    private static final Pattern TAG = Pattern.compile(
            "\\[(?=/?(?:to|toall|rp|qt|qtmeta|info|title|hr|code|picon|piconname|download|preview|dtext|task)\\b)",
            Pattern.CASE_INSENSITIVE);

    /** The tags at the start of a message that address it: {@code [To:id]}, {@code [rp aid=id to=room-message]}. */
    private static final Pattern LEADING_ADDRESS = Pattern.compile("^\\s*\\[(?:To:(\\d+)|rp aid=(\\d+)[^\\]]*)]");
    private static final Pattern NAME_ON_THE_LINE = Pattern.compile("\\S{1,40}(?:さん|様|さま)[ \\t\u3000]+");
    private static final Pattern HONORIFIC = Pattern.compile("\\s*(さん|様|さま|san|-san)?\\s*");

    /** The tags that are markup, not words (chatwork.md, "Message notation"). */
    private static final Pattern MARKUP = Pattern.compile(
            "\\[(?:to:\\d+|rp aid=\\d+[^\\]\\[]{0,80}|picon:\\d+|piconname:\\d+|toall|hr|/?info|/?title"
                    + "|qtmeta[^\\]\\[]{0,80}|download:\\d+|preview[^\\]\\[]{0,80}|dtext:[^\\]\\[]{0,80}|/?task[^\\]\\[]{0,80})\\]",
            Pattern.CASE_INSENSITIVE);

    private ChatworkNotation() {
    }

    /**
     * The text of a message addressed to the bot: one of the tags it starts with ({@code [To:bot]} or a reply to the
     * bot) names the bot. The tags and the name the Chatwork UI writes after them are left out. A mention inside a
     * quote is not at the start, so a quoted command is not a command.
     *
     * @param botName the bot's display name, or null when unknown
     * @return empty when the message is not addressed to the bot
     */
    public static java.util.Optional<String> addressedTo(String body, String botAccountId, String botName) {
        String rest = body;
        boolean addressed = false;
        java.util.regex.Matcher tag = LEADING_ADDRESS.matcher(rest);
        while (tag.find()) {
            String id = tag.group(1) != null ? tag.group(1) : tag.group(2);
            addressed |= id.equals(botAccountId);
            rest = rest.substring(tag.end());
            rest = stripName(rest, botName);
            tag = LEADING_ADDRESS.matcher(rest);
        }
        return addressed ? java.util.Optional.of(rest.strip()) : java.util.Optional.empty();
    }

    /** Leaves out the display name (and honorific) the UI puts after a tag: the bot's, or any name ending the line. */
    private static String stripName(String text, String botName) {
        String trimmed = text.stripLeading();
        if (botName != null && !botName.isBlank() && trimmed.startsWith(botName)) {
            String after = trimmed.substring(botName.length());
            java.util.regex.Matcher honorific = HONORIFIC.matcher(after);
            return honorific.lookingAt() ? after.substring(honorific.end()) : after;
        }
        int newline = trimmed.indexOf('\n');
        String firstLine = newline < 0 ? trimmed : trimmed.substring(0, newline);
        if (newline > 0 && firstLine.strip().matches(".{1,60}(さん|様|さま)")) {
            return trimmed.substring(newline + 1);
        }
        java.util.regex.Matcher named = NAME_ON_THE_LINE.matcher(trimmed);
        return named.lookingAt() ? trimmed.substring(named.end()) : trimmed;
    }

    /**
     * {@code [rp aid=… to=room-message]} onto the triggering message, {@code [To:id]} for each addressee, then
     * {@code [info][title]…[/title]…[/info]}.
     */
    public static String render(Reply reply) {
        StringBuilder out = new StringBuilder();
        if (reply.replyTo() != null) {
            out.append("[rp aid=").append(reply.replyTo().senderId()).append(" to=").append(reply.roomId())
                    .append('-').append(reply.replyTo().messageId()).append(']');
        }
        for (String addressee : reply.addressees()) {
            if (reply.replyTo() == null || !addressee.equals(reply.replyTo().senderId())) {
                out.append("[To:").append(addressee).append(']');
            }
        }
        if (out.length() > 0) {
            out.append('\n');
        }
        out.append("[info]");
        if (reply.title() != null && !reply.title().isBlank()) {
            out.append("[title]").append(neutralise(reply.title())).append("[/title]");
        }
        out.append(neutralise(reply.text().strip())).append("[/info]");
        return out.toString();
    }

    /** Text with every Chatwork tag defused (its '[' made full-width), so quoted user text cannot mention or format. */
    public static String neutralise(String text) {
        return TAG.matcher(text).replaceAll("［");
    }

    /**
     * The chars of a message body that are not the sender's own words: tags are markup, a quote {@code [qt]…[/qt]}
     * is somebody else's old message, a {@code [code]…[/code]} block is code or sample data.
     */
    public static BitSet notOwnWords(String text) {
        BitSet hidden = new BitSet();
        if (text.indexOf('[') < 0) {
            return hidden;
        }
        Matcher tag = MARKUP.matcher(text);
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
                hidden.set(i, end);
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
