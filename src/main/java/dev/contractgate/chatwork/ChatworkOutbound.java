package dev.contractgate.chatwork;

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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Chatwork with the bot's API token: members from {@code GET /rooms/{id}/members} (a failed or unusable answer is a
 * {@link ChannelReadException}), posts to {@code POST /rooms/{id}/messages}, within the room's posting limit and the
 * account's announced budget. Chatwork can be read back, so a reply whose send had an unknown outcome is looked for
 * among the room's latest messages.
 */
final class ChatworkOutbound implements Outbound {
    /** Chatwork stamps messages in whole seconds, and clocks differ a little: look slightly before the promise. */
    private static final Duration CLOCK_MARGIN = Duration.ofMinutes(1);

    private final ChatworkClient client;
    private final Pacing pacing;
    private final Supplier<Optional<String>> botAccountId;

    ChatworkOutbound(ChatworkClient client, Pacing pacing, Supplier<Optional<String>> botAccountId) {
        this.client = client;
        this.pacing = pacing;
        this.botAccountId = botAccountId;
    }

    @Override
    public boolean dryRun() {
        return false;
    }

    @Override
    public Members members(String roomId, String conversation) {
        List<ChatworkClient.Member> members;
        try {
            members = client.roomMembers(roomId);
        } catch (ChatworkException e) {
            throw toReadException(e);
        }
        return new Members.Listed(members.stream().map(member -> new Member(member.accountId(), member.name())).toList());
    }

    /** 403 and 404: the bot is not (or no longer) in the room; anything else may pass. */
    static ChannelReadException toReadException(ChatworkException e) {
        if (e.status() == 403 || e.status() == 404) {
            return new ChannelReadException(ChannelReadException.Kind.GONE, null, e.getMessage(), e);
        }
        Instant notBefore = e.isRateLimited() && e.rateLimit() != null ? e.rateLimit().reset() : null;
        return new ChannelReadException(ChannelReadException.Kind.UNAVAILABLE, notBefore, e.getMessage(), e);
    }

    @Override
    public Delivery post(Outgoing message) {
        try {
            return new Delivery.Sent(client.postMessage(message.roomId(), message.body()));
        } catch (ChatworkException e) {
            throw toSendException(e);
        }
    }

    static SendException toSendException(ChatworkException e) {
        Instant reset = e.rateLimit() == null ? null : e.rateLimit().reset();
        if (e.isRoomRateLimited()) {
            return new SendException(SendException.Kind.ROOM_RATE_LIMITED, null, e.getMessage(), e);
        }
        if (e.isRateLimited()) {
            return new SendException(SendException.Kind.ACCOUNT_RATE_LIMITED, reset, e.getMessage(), e);
        }
        if (e.isUnknownOutcome()) {
            return new SendException(SendException.Kind.UNKNOWN_OUTCOME, null, e.getMessage(), e);
        }
        if (e.isTransient()) {
            return new SendException(SendException.Kind.TRANSIENT, null, e.getMessage(), e);
        }
        return new SendException(SendException.Kind.PERMANENT, null, e.getMessage(), e);
    }

    /**
     * Looks for the reply among the room's latest 100 messages: the bot's first message with the same text since the
     * reply was promised.
     */
    @Override
    public Settlement settle(Outgoing message) {
        Optional<String> bot = botAccountId.get();
        if (bot.isEmpty()) {
            return new Settlement.NotNow("the bot's account id is not known yet");
        }
        try {
            String body = normalise(message.body());
            Instant since = message.createdAt().minus(CLOCK_MARGIN);
            return client.latestMessages(message.roomId()).stream()
                    .filter(posted -> posted.accountId().equals(bot.get()))
                    .filter(posted -> !Instant.ofEpochSecond(posted.sendTime()).isBefore(since))
                    .filter(posted -> normalise(posted.body()).equals(body))
                    .findFirst()
                    .<Settlement>map(posted -> new Settlement.Posted(posted.messageId()))
                    .orElse(Settlement.NOT_POSTED);
        } catch (ChatworkException e) {
            return new Settlement.NotNow("cannot read room " + message.roomId() + ": " + e.getMessage());
        }
    }

    private static String normalise(String body) {
        return body.replace("\r\n", "\n").strip();
    }

    @Override
    public Pacing pacing() {
        return pacing;
    }

    @Override
    public Optional<Budget> budget() {
        RateLimit rateLimit = client.lastRateLimit();
        return rateLimit == null ? Optional.empty()
                : Optional.of(new Budget(rateLimit.limit(), rateLimit.remaining(), rateLimit.reset()));
    }
}
