package dev.contractgate.config;

import java.time.Duration;
import java.util.List;

/**
 * The Chatwork channel. The API token and webhook tokens are secrets: see {@link Secrets}.
 *
 * @param roomPostLimit with {@code roomPostWindow}: Chatwork's per-room posting limit (at most this many posts per
 *                      window); formerly {@code outbox.room_post_limit} and {@code outbox.room_post_window}
 */
public record ChatworkConfig(String apiUrl, String botAccountId, Duration requestTimeout, Duration catchUpInterval,
                             Duration catchUpMaxAge, Integer catchUpRoomsPerPass, Integer roomPostLimit,
                             Duration roomPostWindow) {
    public static final String DEFAULT_API_URL = "https://api.chatwork.com/v2";

    public ChatworkConfig {
        apiUrl = apiUrl == null || apiUrl.isBlank() ? DEFAULT_API_URL : stripTrailingSlash(apiUrl.trim());
        botAccountId = botAccountId == null || botAccountId.isBlank() ? null : botAccountId.trim();
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(10) : requestTimeout;
        catchUpInterval = catchUpInterval == null ? Duration.ofMinutes(5) : catchUpInterval;
        catchUpMaxAge = catchUpMaxAge == null ? Duration.ofHours(24) : catchUpMaxAge;
        catchUpRoomsPerPass = catchUpRoomsPerPass == null ? 20 : catchUpRoomsPerPass;
        roomPostLimit = roomPostLimit == null ? 10 : roomPostLimit;
        roomPostWindow = roomPostWindow == null ? Duration.ofSeconds(10) : roomPostWindow;
    }

    public static ChatworkConfig defaults() {
        return new ChatworkConfig(null, null, null, null, null, null, null, null);
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    void validate(String path, List<String> problems) {
        Checks.url(path + ".api_url", apiUrl, problems);
        if (botAccountId != null && !botAccountId.matches("[1-9][0-9]{0,18}")) {
            problems.add(path + ".bot_account_id: must be a Chatwork account id (digits), got '" + botAccountId + "'");
        }
        if (!catchUpInterval.isZero()) {
            Checks.between(path + ".catch_up_interval", catchUpInterval, Duration.ofSeconds(1), Duration.ofDays(1), problems);
        }
        Checks.between(path + ".catch_up_max_age", catchUpMaxAge, Duration.ofMinutes(1), Duration.ofDays(40), problems);
        Checks.between(path + ".catch_up_rooms_per_pass", catchUpRoomsPerPass, 1, 1000, problems);
        Checks.between(path + ".request_timeout", requestTimeout, Duration.ofMillis(1), Duration.ofMinutes(5), problems);
        Checks.between(path + ".room_post_limit", roomPostLimit, 1, 1000, problems);
        Checks.between(path + ".room_post_window", roomPostWindow, Duration.ofMillis(100), Duration.ofHours(1), problems);
    }
}
