package dev.contractgate.teams;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contractgate.chat.Rendered;
import dev.contractgate.chat.Reply;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Teams message text: how the bot's replies are written (the {@code xml} text format: {@code <b>}, {@code <br>},
 * {@code <at>} mentions with their entities) and which parts of a message are not the sender's own words.
 */
final class TeamsNotation {
    static final String TEXT_FORMAT = "xml";
    /** A whole block somebody else wrote (a quoted reply) or code. */
    private static final Pattern BLOCK = Pattern.compile("<(blockquote|pre|code)\\b[^>]*>.*?</\\1\\s*>",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    /** A mention: the name inside is not something the sender said. */
    private static final Pattern MENTION = Pattern.compile("<at\\b[^>]*>.*?</at\\s*>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern TAG = Pattern.compile("</?[a-zA-Z][^<>]{0,300}>");
    private static final Pattern ENTITY = Pattern.compile("&(?:[a-zA-Z]{2,8}|#[0-9]{1,6}|#x[0-9a-fA-F]{1,6});");
    private static final Pattern LEADING_FILLER = Pattern.compile("^[\\s\\u3000]*(?:さん|様|さま)?[\\s\\u3000,、:：]*");

    private TeamsNotation() {
    }

    /**
     * A reply: a mention of the sender it answers and of each addressee, the title in bold, the text; line breaks as {@code <br>}. Every piece of
     * text is escaped, so a quoted passage cannot mention or format anything. The payload carries the text format
     * and the mention entities Teams needs to notify the addressees.
     */
    static Rendered render(Reply reply, ObjectMapper json) {
        StringBuilder body = new StringBuilder();
        ObjectNode payload = json.createObjectNode().put("textFormat", TEXT_FORMAT);
        ArrayNode entities = payload.putArray("entities");
        // Whoever the reply answers is mentioned first, as Chatwork's [rp] notifies them; then the addressees.
        java.util.LinkedHashSet<String> mentioned = new java.util.LinkedHashSet<>();
        if (reply.replyTo() != null) {
            mentioned.add(reply.replyTo().senderId());
        }
        mentioned.addAll(reply.addressees());
        for (String addressee : mentioned) {
            String mention = "<at>" + escape(reply.nameOf(addressee)) + "</at>";
            body.append(body.length() == 0 ? "" : " ").append(mention);
            ObjectNode entity = entities.addObject().put("type", "mention").put("text", mention);
            entity.putObject("mentioned").put("id", addressee).put("name", reply.nameOf(addressee));
        }
        if (body.length() > 0) {
            body.append("<br>");
        }
        if (reply.title() != null && !reply.title().isBlank()) {
            body.append("<b>").append(escape(reply.title().strip())).append("</b><br>");
        }
        body.append(escape(reply.text().strip()).replace("\r\n", "\n").replace("\n", "<br>"));
        return new Rendered(body.toString(), payload.toString());
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** A message body as plain text: tags removed, line breaks kept, the common entities decoded (for the demo, logs). */
    static String plain(String body) {
        return unescape(body.replaceAll("(?i)<br\\s*/?>", "\n").replaceAll("<[^>]+>", ""));
    }

    /**
     * The chars that are not the sender's own words: quoted replies, code, mentions (names), markup tags and
     * character entities.
     */
    static BitSet notOwnWords(String body) {
        BitSet hidden = new BitSet();
        if (body.indexOf('<') < 0 && body.indexOf('&') < 0) {
            return hidden;
        }
        for (Pattern pattern : List.of(BLOCK, MENTION, TAG, ENTITY)) {
            Matcher matcher = pattern.matcher(body);
            while (matcher.find()) {
                hidden.set(matcher.start(), matcher.end());
            }
        }
        return hidden;
    }

    /**
     * The text addressed to the bot: the message with the bot's own mentions (found through the mention entities)
     * left out. In a personal chat everything is addressed to the bot; elsewhere only a message that mentions the
     * bot outside a quote.
     */
    static Optional<String> addressedTo(Activity activity) {
        String text = activity.text() == null ? "" : activity.text();
        String botId = activity.recipient() == null ? null : activity.recipient().id();
        String withoutQuotes = BLOCK.matcher(text).replaceAll(" ");
        boolean mentioned = false;
        for (Activity.Mention mention : activity.mentions()) {
            if (botId != null && botId.equals(mention.id()) && mention.text() != null && !mention.text().isEmpty()
                    && withoutQuotes.contains(mention.text())) {
                mentioned = true;
                withoutQuotes = withoutQuotes.replace(mention.text(), " ");
            }
        }
        if (!mentioned && !activity.personal()) {
            return Optional.empty();
        }
        String command = unescape(TAG.matcher(withoutQuotes).replaceAll(" "));
        command = LEADING_FILLER.matcher(command).replaceFirst("");
        return Optional.of(command.strip());
    }

    private static String unescape(String text) {
        return text.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&amp;", "&");
    }
}
