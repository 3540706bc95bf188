package dev.contractgate.chatwork;

import java.time.Instant;
import okhttp3.Headers;

/** Chatwork's account budget from the {@code X-RateLimit-*} headers of any response. */
public record RateLimit(int limit, int remaining, Instant reset) {

    /** The budget a response announced, or null when it carried no (readable) headers. */
    public static RateLimit from(Headers headers) {
        try {
            String limit = headers.get("X-RateLimit-Limit");
            String remaining = headers.get("X-RateLimit-Remaining");
            String reset = headers.get("X-RateLimit-Reset");
            if (limit == null || remaining == null || reset == null) {
                return null;
            }
            return new RateLimit(Integer.parseInt(limit.trim()), Integer.parseInt(remaining.trim()),
                    Instant.ofEpochSecond(Long.parseLong(reset.trim())));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
