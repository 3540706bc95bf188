package dev.contractgate.config;

import dev.contractgate.chat.ReplyKind;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The LINE Messaging API (a LINE Official Account in groups). The channel secret and the channel access token are
 * secrets: see {@link Secrets}. Without a channel secret the channel is off; without the access token it is a dry run.
 *
 * @param apiUrl where the Messaging API is ({@code https://api.line.me}; tests point it at a fake)
 * @param replyTokenTtl how long after an event its reply token is used; later the reply is pushed instead. LINE
 *                      says to reply promptly and gives no fixed lifetime; a margin under a minute is safe
 * @param quota how the monthly message quota is shared out when it runs low
 */
public record LineConfig(String apiUrl, Duration requestTimeout, Duration replyTokenTtl, Quota quota) {
    public static final String DEFAULT_API_URL = "https://api.line.me";

    /**
     * @param priorities reply kinds in the order they keep pushing when the quota runs low: the first may use the
     *                   quota to the last message, the later ones stop earlier; a kind not listed waits
     *                   ({@code deferred}) as soon as the quota is low
     * @param low how many pushes left counts as running low
     * @param refresh how often the quota and its consumption are read again from LINE
     * @param recheck how long a deferred reply waits before it is looked at again (the plan may have been raised)
     */
    public record Quota(List<String> priorities, Integer low, Duration refresh, Duration recheck) {
        public static final List<String> DEFAULT_PRIORITIES = List.of("scam_alert", "introduction", "gate_warning",
                "caution_notice", "contact_alert", "deal_alert", "revocation_notice", "expiry_notice", "confirm_request",
                "approval_notice", "denial_notice", "command_reply");

        public Quota {
            priorities = priorities == null ? DEFAULT_PRIORITIES : List.copyOf(priorities);
            low = low == null ? 20 : low;
            refresh = refresh == null ? Duration.ofMinutes(5) : refresh;
            recheck = recheck == null ? Duration.ofHours(1) : recheck;
        }

        public static Quota defaults() {
            return new Quota(null, null, null, null);
        }

        void validate(String path, List<String> problems) {
            Set<String> seen = new HashSet<>();
            for (String kind : priorities) {
                try {
                    ReplyKind.fromId(String.valueOf(kind));
                } catch (IllegalArgumentException e) {
                    problems.add(path + ".priorities: '" + kind + "' is not a reply kind (one of "
                            + java.util.Arrays.stream(ReplyKind.values()).map(ReplyKind::id).toList() + ")");
                }
                if (!seen.add(kind)) {
                    problems.add(path + ".priorities: '" + kind + "' is listed twice");
                }
            }
            Checks.between(path + ".low", low, 0, 1_000_000, problems);
            Checks.between(path + ".refresh", refresh, Duration.ofSeconds(1), Duration.ofDays(1), problems);
            Checks.between(path + ".recheck", recheck, Duration.ofMinutes(1), Duration.ofDays(31), problems);
        }
    }

    public LineConfig {
        apiUrl = apiUrl == null || apiUrl.isBlank() ? DEFAULT_API_URL : apiUrl.trim().replaceAll("/+$", "");
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(10) : requestTimeout;
        replyTokenTtl = replyTokenTtl == null ? Duration.ofSeconds(50) : replyTokenTtl;
        quota = quota == null ? Quota.defaults() : quota;
    }

    public static LineConfig defaults() {
        return new LineConfig(null, null, null, null);
    }

    void validate(String path, List<String> problems) {
        Checks.url(path + ".api_url", apiUrl, problems);
        Checks.between(path + ".request_timeout", requestTimeout, Duration.ofMillis(1), Duration.ofMinutes(5), problems);
        Checks.between(path + ".reply_token_ttl", replyTokenTtl, Duration.ZERO, Duration.ofMinutes(30), problems);
        quota.validate(path + ".quota", problems);
    }
}
