package dev.contractgate.chatwork;

import dev.contractgate.chat.Reply;
import java.util.regex.Pattern;

/** Chatwork message notation (chatwork.md, "Message notation"): how the bot's replies are written. */
public final class ChatworkNotation {
    /** An opening or closing Chatwork tag, as someone could smuggle into text the bot repeats. */
    private static final Pattern TAG = Pattern.compile(
            "\\[(?=/?(?:to|toall|rp|qt|qtmeta|info|title|hr|code|picon|piconname|download|preview|dtext|task)\\b)",
            Pattern.CASE_INSENSITIVE);

    private ChatworkNotation() {
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
}
