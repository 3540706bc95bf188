package dev.contractgate.chat;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Webhook signatures of the form Base64(HMAC-SHA256(key, raw body)), checked against several keys (one per webhook
 * setting, or the old and new secret during a reissue). Every key is compared, in constant time, so timing tells
 * neither whether nor which one matched. Each channel says only how its secrets become key bytes.
 */
public final class HmacSha256Keys {
    private static final String ALGORITHM = "HmacSHA256";

    private final List<SecretKeySpec> keys;

    public HmacSha256Keys(List<byte[]> keyBytes) {
        this.keys = keyBytes.stream().map(bytes -> new SecretKeySpec(bytes, ALGORITHM)).toList();
    }

    public boolean configured() {
        return !keys.isEmpty();
    }

    /** True when {@code base64Signature} is the signature of {@code body} under one of the keys. */
    public boolean verify(byte[] body, String base64Signature) {
        if (base64Signature == null) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(base64Signature.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        boolean matched = false;
        for (SecretKeySpec key : keys) {
            // No early exit: every key is compared.
            matched |= MessageDigest.isEqual(mac(key, body), given);
        }
        return matched;
    }

    /** The Base64 signature of a body under one key, as the channel's service computes it. */
    public static String sign(byte[] keyBytes, byte[] body) {
        return Base64.getEncoder().encodeToString(mac(new SecretKeySpec(keyBytes, ALGORITHM), body));
    }

    private static byte[] mac(SecretKeySpec key, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }
}
