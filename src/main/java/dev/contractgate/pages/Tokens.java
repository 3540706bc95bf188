package dev.contractgate.pages;

import dev.contractgate.registry.ApiKeys;
import java.security.SecureRandom;
import java.util.Base64;

/** The secrets of the pages: link tokens, session tokens, CSRF tokens and one-time codes. Only hashes are stored. */
public final class Tokens {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Tokens() {
    }

    /** 256 random bits, URL-safe (43 characters). */
    public static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A code of {@code digits} decimal digits, for a person to type into a chat. */
    public static String digits(int digits) {
        StringBuilder code = new StringBuilder(digits);
        for (int i = 0; i < digits; i++) {
            code.append((char) ('0' + RANDOM.nextInt(10)));
        }
        return code.toString();
    }

    /** Hex SHA-256, the form every page secret is stored and looked up in. */
    public static String hash(String secret) {
        return ApiKeys.hash(secret);
    }

    /** True when {@code text} could be a token from {@link #random()} (so nothing else reaches the database). */
    public static boolean looksLikeToken(String text) {
        return text != null && text.length() == 43 && text.chars().allMatch(c -> c >= 'A' && c <= 'Z'
                || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_');
    }
}
