package dev.contractgate.line;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * LINE webhook signatures: {@code x-line-signature} = Base64(HMAC-SHA256(key = the channel secret as UTF-8, raw body
 * bytes)). While a channel secret is being reissued both the old and the new secret are configured, and a body signed
 * with either is accepted; every secret is compared, in constant time.
 */
public final class LineSignature {
    public static final String HEADER = "x-line-signature";
    private static final String ALGORITHM = "HmacSHA256";

    private final List<SecretKeySpec> keys;

    public LineSignature(List<String> channelSecrets) {
        this.keys = channelSecrets.stream().map(LineSignature::key).toList();
    }

    public boolean configured() {
        return !keys.isEmpty();
    }

    /** True when {@code signature} is the signature of {@code body} under one of the channel secrets. */
    public boolean verify(byte[] body, String signature) {
        if (signature == null) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(signature.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        boolean matched = false;
        for (SecretKeySpec key : keys) {
            // No early exit: every secret is compared, so timing does not tell which one (if any) matched.
            matched |= MessageDigest.isEqual(sign(key, body), given);
        }
        return matched;
    }

    /** Signs a body with a channel secret, as LINE does; used by tests and the demo's stand-in for LINE. */
    public static String sign(String channelSecret, byte[] body) {
        return Base64.getEncoder().encodeToString(sign(key(channelSecret), body));
    }

    private static SecretKeySpec key(String channelSecret) {
        return new SecretKeySpec(channelSecret.trim().getBytes(StandardCharsets.UTF_8), ALGORITHM);
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
