package dev.contractgate.line;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.contractgate.chat.Budget;
import dev.contractgate.chat.ChannelReadException;
import dev.contractgate.chat.Delivery;
import dev.contractgate.chat.Member;
import dev.contractgate.chat.Members;
import dev.contractgate.chat.Outbound;
import dev.contractgate.chat.Outgoing;
import dev.contractgate.chat.Pacing;
import dev.contractgate.chat.SendException;
import dev.contractgate.chat.Settlement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Jdbi;

/**
 * LINE with the channel access token. A reply answers its event through the event's reply token while the token is
 * fresh (free, and each token answers once: the first reply to an event takes it, later ones push); otherwise it is
 * pushed with {@code X-Line-Retry-Key} = the outbox entry's key, so a retry after a timeout or a crash is sent
 * exactly once (LINE answers 409 to a key it accepted before). Pushes count against the monthly quota
 * ({@link LineQuota}); when it runs low the kinds that matter most keep it, the others wait as {@code deferred}.
 *
 * <p>The reply-token rule for an unknown outcome (a timeout, a dropped connection, a 5xx, a crash while replying):
 * LINE cannot be read back, and a reply token cannot be retried with a retry key. While the token is fresh the reply
 * is sent again with the same token: LINE posts it if the first try never arrived, and refuses the used token if it
 * did, which settles it as posted. Once the token is stale nothing can tell, and the reply is recorded as sent,
 * {@code unconfirmed}, never pushed: a push could be the second copy. What is risked instead is one lost reply
 * (when LINE dropped the first try and the token expired before the second), never two messages.
 */
final class LineOutbound implements Outbound {
    /** LINE's limit for the message endpoints is 2,000 requests a second per channel; keep well inside it. */
    static final Pacing PACING = new Pacing(List.of(new Pacing.Window(10, Duration.ofSeconds(1))),
            List.of(new Pacing.Window(500, Duration.ofSeconds(1))));
    static final String UNCONFIRMED = "unconfirmed";
    private static final int MAX_PROFILE_READS = 500;

    private final LineClient client;
    private final LineQuota quota;
    private final Jdbi jdbi;
    private final ObjectMapper json;
    private final Clock clock;
    /** Rooms whose member-id list LINE refused (403: not a verified or premium account): their roster stands. */
    private final Set<String> listRefused = ConcurrentHashMap.newKeySet();
    private final Set<String> unidentifiedIn;

    /** @param unidentifiedIn rooms where someone without a {@code userId} spoke: they are a member the list lacks */
    LineOutbound(LineClient client, LineQuota quota, Jdbi jdbi, ObjectMapper json, Clock clock, Set<String> unidentifiedIn) {
        this.unidentifiedIn = unidentifiedIn;
        this.client = client;
        this.quota = quota;
        this.jdbi = jdbi;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public boolean dryRun() {
        return false;
    }

    /**
     * The room's members: the member-id list and each member's profile where the account may read the list; where
     * LINE refuses it (403: only verified and premium accounts may), the roster built from events and senders. A 1:1
     * chat is the person and the bot. A read that fails otherwise is unavailable (try later), or gone on 404.
     */
    @Override
    public Members members(String roomId, String conversation) {
        if (roomId.startsWith("U")) {
            return new Members.Listed(List.of(profile(roomId, roomId)));
        }
        if (listRefused.contains(roomId)) {
            return new Members.Unlisted("LINE does not let this account read member ids (verified and premium accounts only)");
        }
        List<String> ids;
        try {
            ids = client.memberIds(roomId);
        } catch (LineException e) {
            if (e.status() == 403) {
                listRefused.add(roomId);
                return new Members.Unlisted("LINE refused the member-id list (403): " + e.lineMessage());
            }
            throw toReadException(e);
        }
        List<Member> members = new ArrayList<>();
        for (String id : ids.subList(0, Math.min(ids.size(), MAX_PROFILE_READS))) {
            members.add(profile(roomId, id));
        }
        if (unidentifiedIn.contains(roomId)) {
            members.add(new Member(LineChannel.UNIDENTIFIED, null));
        }
        return new Members.Listed(members);
    }

    private Member profile(String roomId, String userId) {
        try {
            return client.profile(roomId, userId);
        } catch (LineException e) {
            if (e.status() == 404 && !roomId.equals(userId)) {
                return new Member(userId, null); // left between the two reads, or never consented: still a member id
            }
            throw toReadException(e);
        }
    }

    private static ChannelReadException toReadException(LineException e) {
        ChannelReadException.Kind kind = e.status() == 404 || e.status() == 403
                ? ChannelReadException.Kind.GONE : ChannelReadException.Kind.UNAVAILABLE;
        return new ChannelReadException(kind, null, e.getMessage(), e);
    }

    @Override
    public Delivery post(Outgoing message) {
        ArrayNode messages = messages(message);
        Instant now = clock.instant();
        if (message.replyHandle() != null && message.replyHandle().usableAt(now) && takeToken(message, now)) {
            try {
                LineClient.Sent sent = client.reply(message.replyHandle().value(), messages);
                return new Delivery.Sent(sent.messageId() == null ? "reply" : sent.messageId());
            } catch (LineException e) {
                if (e.maybeReceived() || e.status() == 429) {
                    throw toSendException(e);
                }
                // LINE refused the token (expired early) or the call never left: it certainly did not post; push.
                release(message);
            }
        } else if (message.replyHandle() != null) {
            release(message);
        }
        return push(message, messages);
    }

    private Delivery push(Outgoing message, ArrayNode messages) {
        long cost = cost(message.roomId());
        LineQuota.Decision decision = quota.decide(message.kind(), cost);
        if (decision instanceof LineQuota.Deferred deferred) {
            throw new SendException(SendException.Kind.QUOTA_EXHAUSTED, deferred.until(), deferred.reason(), null);
        }
        if (decision instanceof LineQuota.Unreadable unreadable) {
            throw new SendException(SendException.Kind.TRANSIENT, null, unreadable.reason(), null);
        }
        try {
            LineClient.Sent sent = client.push(message.roomId(), messages, message.idempotencyKey());
            quota.pushed(cost);
            return new Delivery.Sent(sent.messageId() == null ? "push" : sent.messageId());
        } catch (LineException e) {
            throw toSendException(e);
        }
    }

    /** LINE counts a push once per recipient: in a group, each member but the bot. */
    private long cost(String roomId) {
        if (roomId.startsWith("U")) {
            return 1;
        }
        try {
            return Math.max(1, client.memberCount(roomId));
        } catch (LineException e) {
            throw new SendException(SendException.Kind.TRANSIENT, null, "the room's member count (what a push costs) "
                    + "could not be read: " + e.getMessage(), e);
        }
    }

    private SendException toSendException(LineException e) {
        if (e.status() == 429) {
            return new SendException(SendException.Kind.ACCOUNT_RATE_LIMITED, clock.instant().plusSeconds(1),
                    e.getMessage(), e);
        }
        if (e.maybeReceived()) {
            return new SendException(SendException.Kind.UNKNOWN_OUTCOME, null, e.getMessage(), e);
        }
        if (e.status() == 0 || e.status() == 401) {
            return new SendException(SendException.Kind.TRANSIENT, null, e.getMessage(), e);
        }
        return new SendException(SendException.Kind.PERMANENT, null, e.getMessage(), e);
    }

    /**
     * Settles a reply whose send had an unknown outcome. A push is sent again with the same retry key (LINE posts it
     * once at most). A reply through the token is retried with the same token while it is fresh; once stale it is
     * recorded as sent, unconfirmed (see the class comment).
     */
    @Override
    public Settlement settle(Outgoing message) {
        if (message.replyHandle() == null || !ownsToken(message)) {
            return Settlement.NOT_POSTED; // a push: sending it again with its retry key posts it once
        }
        if (!message.replyHandle().usableAt(clock.instant())) {
            return new Settlement.Posted(UNCONFIRMED);
        }
        try {
            LineClient.Sent sent = client.reply(message.replyHandle().value(), messages(message));
            return new Settlement.Posted(sent.messageId() == null ? "reply" : sent.messageId());
        } catch (LineException e) {
            if (e.status() == 400) {
                return new Settlement.Posted(UNCONFIRMED); // the token was used: by the first try
            }
            return new Settlement.NotNow(e.getMessage());
        }
    }

    private ArrayNode messages(Outgoing message) {
        if (message.payload() != null) {
            try {
                JsonNode payload = json.readTree(message.payload());
                if (payload instanceof ArrayNode array && !array.isEmpty()) {
                    return array;
                }
            } catch (IOException e) {
                throw new SendException(SendException.Kind.PERMANENT, null, "the stored payload is not JSON", e);
            }
        }
        ArrayNode messages = json.createArrayNode();
        messages.addObject().put("type", "text").put("text", message.body());
        return messages;
    }

    /** Takes the event's reply token for this entry, durably, unless another entry took it: true when it is this one's. */
    private boolean takeToken(Outgoing message, Instant now) {
        LineDao dao = jdbi.onDemand(LineDao.class);
        String hash = hash(message.replyHandle().value());
        dao.claim(hash, message.id(), now);
        return dao.owner(hash).filter(owner -> owner == message.id()).isPresent();
    }

    private boolean ownsToken(Outgoing message) {
        return jdbi.onDemand(LineDao.class).owner(hash(message.replyHandle().value()))
                .filter(owner -> owner == message.id()).isPresent();
    }

    private void release(Outgoing message) {
        jdbi.onDemand(LineDao.class).release(hash(message.replyHandle().value()), message.id());
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    @Override
    public Pacing pacing() {
        return PACING;
    }

    /** The quota is not a request budget (replies are free): it is kept by {@link LineQuota}, not by the pacer. */
    @Override
    public Optional<Budget> budget() {
        return Optional.empty();
    }
}
