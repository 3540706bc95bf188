package dev.contractgate.line;

import dev.contractgate.chat.HmacSha256Keys;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * LINE webhook signatures: {@code x-line-signature} = Base64(HMAC-SHA256(key = the channel secret as UTF-8, raw body
 * bytes)). While a channel secret is being reissued both the old and the new secret are configured, and a body signed
 * with either is accepted; every secret is compared, in constant time.
 */
public final class LineSignature {
    public static final String HEADER = "x-line-signature";

    private final HmacSha256Keys keys;

    public LineSignature(List<String> channelSecrets) {
        this.keys = new HmacSha256Keys(channelSecrets.stream().map(LineSignature::keyBytes).toList());
    }

    public boolean configured() {
        return keys.configured();
    }

    /** True when {@code signature} is the signature of {@code body} under one of the channel secrets. */
    public boolean verify(byte[] body, String signature) {
        return keys.verify(body, signature);
    }

    /** Signs a body with a channel secret, as LINE does; used by tests and the demo's stand-in for LINE. */
    public static String sign(String channelSecret, byte[] body) {
        return HmacSha256Keys.sign(keyBytes(channelSecret), body);
    }

    private static byte[] keyBytes(String channelSecret) {
        return channelSecret.trim().getBytes(StandardCharsets.UTF_8);
    }
}
