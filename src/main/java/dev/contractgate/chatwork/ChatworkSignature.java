package dev.contractgate.chatwork;

import dev.contractgate.chat.HmacSha256Keys;
import java.util.Base64;
import java.util.List;

/**
 * Chatwork webhook signatures: Base64(HMAC-SHA256(key = Base64-decode(token), raw body bytes)), checked against
 * every configured token (one per webhook setting) in constant time.
 */
public final class ChatworkSignature {
    public static final String HEADER = "X-ChatWorkWebhookSignature";
    public static final String QUERY_PARAMETER = "chatwork_webhook_signature";

    private final HmacSha256Keys keys;

    public ChatworkSignature(List<String> base64Tokens) {
        this.keys = new HmacSha256Keys(base64Tokens.stream().map(ChatworkSignature::keyBytes).toList());
    }

    public boolean configured() {
        return keys.configured();
    }

    /** True when {@code signature} is the signature of {@code body} under one of the tokens. */
    public boolean verify(byte[] body, String signature) {
        return keys.verify(body, signature);
    }

    /** Signs a body with a token, as Chatwork does; used by tests and the load tool. */
    public static String sign(String base64Token, byte[] body) {
        return HmacSha256Keys.sign(keyBytes(base64Token), body);
    }

    private static byte[] keyBytes(String base64Token) {
        return Base64.getDecoder().decode(base64Token.trim());
    }
}
