package dev.contractgate.testing;

import dev.contractgate.chatwork.ChatworkSignature;
import java.nio.charset.StandardCharsets;
import okhttp3.Request;
import okhttp3.RequestBody;

/** Builds Chatwork webhook deliveries the way Chatwork sends them: exact bytes, signed with a token. */
public final class ChatworkWebhooks {
    /** The official test vector body (chatwork.md). */
    public static final String OFFICIAL_BODY = "{\"webhook_setting_id\":\"246\",\"webhook_event_type\":\"message_created\","
            + "\"webhook_event_time\":1511238729,\"webhook_event\":{\"message_id\":\"984676321621704704\","
            + "\"room_id\":36818150,\"account_id\":1484814,\"body\":\"test\",\"send_time\":1511238729,\"update_time\":0}}";
    public static final String OFFICIAL_SIGNATURE = "G7Gtrh5Ee6d8erOVXhWPtUrkNJqqIT5vwLU50KhyLQk=";

    private ChatworkWebhooks() {
    }

    /** A message_created (or _updated) body, with non-ASCII escaped as Chatwork does. */
    public static String message(String type, String messageId, String roomId, String accountId, String body, long sendTime, long updateTime) {
        return "{\"webhook_setting_id\":\"246\",\"webhook_event_type\":\"" + type + "\",\"webhook_event_time\":" + sendTime
                + ",\"webhook_event\":{\"message_id\":\"" + messageId + "\",\"room_id\":" + roomId + ",\"account_id\":"
                + accountId + ",\"body\":\"" + escape(body) + "\",\"send_time\":" + sendTime + ",\"update_time\":"
                + updateTime + "}}";
    }

    public static String created(String messageId, String roomId, String accountId, String body, long sendTime) {
        return message("message_created", messageId, roomId, accountId, body, sendTime, 0);
    }

    public static String mention(String messageId, String roomId, String fromAccountId, String toAccountId, String body, long sendTime) {
        return "{\"webhook_setting_id\":\"247\",\"webhook_event_type\":\"mention_to_me\",\"webhook_event_time\":" + sendTime
                + ",\"webhook_event\":{\"from_account_id\":" + fromAccountId + ",\"to_account_id\":" + toAccountId
                + ",\"room_id\":" + roomId + ",\"message_id\":\"" + messageId + "\",\"body\":\"" + escape(body)
                + "\",\"send_time\":" + sendTime + ",\"update_time\":0}}";
    }

    /** A POST with the signature in the header. */
    public static Request signed(TestHttp http, String body) {
        return new Request.Builder().url(http.url("/webhooks/chatwork"))
                .header(ChatworkSignature.HEADER, sign(body))
                .header("User-Agent", "ChatWork-Webhook/1.0.0")
                .post(RequestBody.create(body.getBytes(StandardCharsets.UTF_8), TestHttp.JSON))
                .build();
    }

    public static String sign(String body) {
        return ChatworkSignature.sign(TestEnvironment.WEBHOOK_TOKEN, body.getBytes(StandardCharsets.UTF_8));
    }

    /** JSON string escaping with every non-ASCII character as \\uXXXX, like Chatwork's own encoder. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
