package dev.contractgate.chatwork;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Chatwork webhook signatures: Base64(HMAC-SHA256(key = Base64-decode(token), raw body bytes)), checked against
 * every configured token (one per webhook setting) in constant time.
 */
public final class ChatworkSignature {
    public static final String HEADER = "X-ChatWorkWebhookSignature";
    public static final String QUERY_PARAMETER = "chatwork_webhook_signature";
    private static final String ALGORITHM = "HmacSHA256";

    private final List<SecretKeySpec> keys;

    public ChatworkSignature(List<String> base64Tokens) {
        this.keys = base64Tokens.stream()
                .map(token -> new SecretKeySpec(Base64.getDecoder().decode(token.trim()), ALGORITHM))
                .toList();
    }

    public boolean configured() {
        return !keys.isEmpty();
    }

    /** True when {@code signature} is the signature of {@code body} under one of the tokens. */
    public boolean verify(byte[] body, String signature) {
        byte[] given;
        try {
            given = Base64.getDecoder().decode(signature.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        boolean matched = false;
        for (SecretKeySpec key : keys) {
            // No early exit: every token is compared, so timing does not tell which one (if any) matched.
            matched |= MessageDigest.isEqual(sign(key, body), given);
        }
        return matched;
    }

    /** Signs a body with a token, as Chatwork does; used by tests and the load tool. */
    public static String sign(String base64Token, byte[] body) {
        SecretKeySpec key = new SecretKeySpec(Base64.getDecoder().decode(base64Token.trim()), ALGORITHM);
        return Base64.getEncoder().encodeToString(sign(key, body));
    }

    private static byte[] sign(SecretKeySpec key, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }
}
