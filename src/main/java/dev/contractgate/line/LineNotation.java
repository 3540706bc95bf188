package dev.contractgate.line;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contractgate.chat.Rendered;
import dev.contractgate.chat.Reply;
import dev.contractgate.validation.ControlCharacters;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * LINE's notation. Text is plain; a mention appears as {@code @name} and is marked by its position in the event. A
 * reply is one {@code textV2} message whose addressees are real mentions ({@code {m0}} substitutions); the body the
 * outbox shows is the same text with {@code @name} in their place. A quoted message's text is not part of a message
 * (LINE sends only its id), so everything else a message says is its sender's own words.
 */
final class LineNotation {
    /** LINE's longest text message. */
    static final int MAX_TEXT = 5000;
    /** A mention as it reads in a message: {@code @} and the name up to a space. */
    private static final Pattern MENTION = Pattern.compile("@\\S+");

    private LineNotation() {
    }

    /** The words addressed to the bot: the text without the bot's own mentions; empty when it does not mention the bot. */
    static Optional<String> addressedTo(LineEvent.Message message) {
        List<LineEvent.Mentionee> self = message.mentionees().stream().filter(LineEvent.Mentionee::self)
                .sorted(Comparator.comparingInt(LineEvent.Mentionee::index).reversed()).toList();
        if (self.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder(message.text());
        for (LineEvent.Mentionee mentionee : self) {
            text.replace(mentionee.index(), mentionee.index() + mentionee.length(), " ");
        }
        return Optional.of(ControlCharacters.stripFromChat(text.toString()).strip());
    }

    /** Mentions ({@code @name}) are addressing, not the sender's words. */
    static BitSet notOwnWords(String body) {
        BitSet marked = new BitSet(body.length());
        Matcher mention = MENTION.matcher(body);
        while (mention.find()) {
            marked.set(mention.start(), mention.end());
        }
        return marked;
    }

    /**
     * A reply as one {@code textV2} message: the addressees who are LINE users are mentioned ({@code {m0}}, …), the
     * others named; braces in the text are doubled, as {@code textV2} wants them.
     */
    static Rendered render(Reply reply, ObjectMapper json) {
        StringBuilder shown = new StringBuilder();
        StringBuilder template = new StringBuilder();
        ObjectNode substitution = json.createObjectNode();
        // Whoever the reply answers is mentioned first, as on the other channels; then the addressees.
        java.util.LinkedHashSet<String> mentioned = new java.util.LinkedHashSet<>();
        if (reply.replyTo() != null) {
            mentioned.add(reply.replyTo().senderId());
        }
        mentioned.addAll(reply.addressees());
        for (String addressee : mentioned) {
            String name = "@" + reply.nameOf(addressee);
            shown.append(name).append(' ');
            if (LineEvents.USER_ID.matcher(addressee).matches()) {
                String key = "m" + substitution.size();
                template.append('{').append(key).append("} ");
                substitution.putObject(key).put("type", "mention").putObject("mentionee").put("type", "user")
                        .put("userId", addressee);
            } else {
                template.append(escape(name)).append(' ');
            }
        }
        if (!mentioned.isEmpty()) {
            shown.setLength(shown.length() - 1);
            template.setLength(template.length() - 1);
            shown.append('\n');
            template.append('\n');
        }
        String text = (reply.title() == null || reply.title().isBlank() ? "" : "【" + reply.title() + "】\n") + reply.text();
        int room = MAX_TEXT - shown.length() - 1;
        if (text.length() > room) {
            text = text.substring(0, Math.max(0, room - 1)) + "…";
        }
        shown.append(text);
        template.append(escape(text));
        ObjectNode message = json.createObjectNode().put("type", "textV2").put("text", template.toString());
        if (!substitution.isEmpty()) {
            message.set("substitution", substitution);
        }
        ArrayNode messages = json.createArrayNode().add(message);
        return new Rendered(shown.toString(), messages.toString());
    }

    private static String escape(String text) {
        return text.replace("{", "{{").replace("}", "}}");
    }
}
