package dev.contractgate.testing;

import dev.contractgate.chat.Budget;
import dev.contractgate.chat.Channel;
import dev.contractgate.chat.ChannelState;
import dev.contractgate.chat.ChatEvent;
import dev.contractgate.chat.Delivery;
import dev.contractgate.chat.IdFormat;
import dev.contractgate.chat.Members;
import dev.contractgate.chat.Outbound;
import dev.contractgate.chat.Outgoing;
import dev.contractgate.chat.Pacing;
import dev.contractgate.chat.Rendered;
import dev.contractgate.chat.Reply;
import dev.contractgate.chat.SendException;
import dev.contractgate.chat.Settlement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A channel for outbox tests that cannot read back what it posted (like Teams): each post either succeeds or fails
 * as scripted, and a scripted "posted, but the answer was lost" counts as a real post.
 */
public final class ScriptedChannel implements Channel, Outbound {
    public static final String NAME = "scripted";

    /** What the next post does. */
    public enum Step { POST, POST_THEN_LOSE_ANSWER, REFUSE_NOT_NOW, RATE_LIMITED, QUOTA_EXHAUSTED }

    private final Deque<Step> script = new ArrayDeque<>();
    private final List<Outgoing> posted = new ArrayList<>();
    private int attempts;

    public synchronized ScriptedChannel next(Step... steps) {
        script.addAll(List.of(steps));
        return this;
    }

    /** Every message that reached the channel (duplicates included). */
    public synchronized List<Outgoing> posted() {
        return List.copyOf(posted);
    }

    public synchronized int attempts() {
        return attempts;
    }

    @Override
    public synchronized Delivery post(Outgoing message) {
        attempts++;
        Step step = script.isEmpty() ? Step.POST : script.poll();
        switch (step) {
            case POST_THEN_LOSE_ANSWER -> {
                posted.add(message);
                throw new SendException(SendException.Kind.UNKNOWN_OUTCOME, null, "read timed out", null);
            }
            case REFUSE_NOT_NOW -> throw new SendException(SendException.Kind.TRANSIENT, null, "412 not now", null);
            case RATE_LIMITED -> throw new SendException(SendException.Kind.ACCOUNT_RATE_LIMITED,
                    java.time.Instant.now().plusMillis(200), "429 too many requests", null);
            case QUOTA_EXHAUSTED -> throw new SendException(SendException.Kind.QUOTA_EXHAUSTED,
                    java.time.Instant.now().plusMillis(300), "monthly quota used up", null);
            default -> {
                posted.add(message);
                return new Delivery.Sent("m" + posted.size());
            }
        }
    }

    @Override
    public Settlement settle(Outgoing message) {
        return Settlement.UNKNOWABLE;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> lexiconNames() {
        return Set.of();
    }

    @Override
    public ChannelState state() {
        return new ChannelState(NAME, ChannelState.Mode.WORKING, null, Map.of());
    }

    @Override
    public Optional<String> botAccountId() {
        return Optional.of("bot");
    }

    @Override
    public IdFormat ids() {
        return IdFormat.matching(NAME, Pattern.compile(".+"), "", Pattern.compile(".+"), "");
    }

    @Override
    public Optional<ChatEvent> decode(String eventType, String payload) {
        return Optional.empty();
    }

    @Override
    public Optional<String> commandText(ChatEvent event) {
        return Optional.empty();
    }

    @Override
    public BitSet notOwnWords(String body) {
        return new BitSet();
    }

    @Override
    public Rendered render(Reply reply) {
        return Rendered.text(reply.text());
    }

    @Override
    public Outbound outbound() {
        return this;
    }

    @Override
    public boolean dryRun() {
        return false;
    }

    @Override
    public Members members(String roomId, String conversation) {
        return new Members.Unlisted("scripted");
    }

    @Override
    public Pacing pacing() {
        return Pacing.NONE;
    }

    @Override
    public Optional<Budget> budget() {
        return Optional.empty();
    }
}
