package dev.contractgate.pages;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Single-use links instead of passwords: each is bound to a person, a room and an action, only its hash is stored,
 * and it expires. Opening one only reads it; acting uses it up, once. A link posted in a shared room (the person has
 * no private route) proves nothing by itself: the browser that opened it must also have a one-time code verified,
 * which happens when the bound person posts that code in the room.
 */
public final class PageLinks {
    /** Where the pages of a link live: {@code /l/{token}}. */
    public static final String PATH = "/l/";
    /** The digits of a one-time code. */
    public static final int CODE_DIGITS = 8;

    /** Why a link cannot be acted on. */
    public enum Refusal { UNKNOWN, EXPIRED, USED }

    /** A new link: the row, and the URL to send (its token is in no other place). */
    public record Issued(PageLink link, String url) {
    }

    private final Jdbi jdbi;
    private final String publicUrl;
    private final Duration ttl;
    private final Clock clock;

    /** @param publicUrl the base of every link, without a trailing slash; null: no links can be issued */
    public PageLinks(Jdbi jdbi, String publicUrl, Duration ttl, Clock clock) {
        this.jdbi = jdbi;
        this.publicUrl = publicUrl;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** True when links can be issued ({@code CONTRACTGATE_PUBLIC_URL} is set). */
    public boolean enabled() {
        return publicUrl != null;
    }

    public Duration ttl() {
        return ttl;
    }

    public Issued issue(String channel, String accountId, String roomId, LinkAction action, boolean sentPrivately) {
        if (publicUrl == null) {
            throw new IllegalStateException("no public URL is configured: links cannot be issued");
        }
        String token = Tokens.random();
        Instant now = now();
        PageLinkDao dao = jdbi.onDemand(PageLinkDao.class);
        long id = dao.insert(Tokens.hash(token), channel, accountId, roomId, action.wire(), sentPrivately, now, now.plus(ttl));
        return new Issued(dao.find(Tokens.hash(token)).filter(link -> link.id() == id).orElseThrow(),
                publicUrl + PATH + token);
    }

    /** The link a token stands for, whatever its state; empty for a token that is not one. */
    public Optional<PageLink> find(String token) {
        if (!Tokens.looksLikeToken(token)) {
            return Optional.empty();
        }
        return jdbi.onDemand(PageLinkDao.class).find(Tokens.hash(token));
    }

    /** Why the link of this token cannot be acted on now, or empty when it can. */
    public Optional<Refusal> refusal(Optional<PageLink> link) {
        return link.isEmpty() ? Optional.of(Refusal.UNKNOWN) : Optional.ofNullable(link.get().refusal(now()));
    }

    /**
     * Uses the link up. Of two requests racing with one link exactly one gets {@code true}.
     *
     * @return false when it was used meanwhile or has expired
     */
    public boolean use(PageLink link) {
        return jdbi.onDemand(PageLinkDao.class).use(link.id(), now()) == 1;
    }

    /**
     * True when this browser may act with the link: the link went privately to its person, or the person posted a
     * code that this browser was shown.
     *
     * @param browser the browser's own secret (a cookie), or null
     */
    public boolean mayAct(PageLink link, String browser) {
        return link.sentPrivately()
                || browser != null && jdbi.onDemand(PageLinkDao.class).verifiedCodes(link.id(), Tokens.hash(browser)) > 0;
    }

    /** A new one-time code for this browser to show; it lasts as long as the link. */
    public String newCode(PageLink link, String browser) {
        String code = Tokens.digits(CODE_DIGITS);
        jdbi.onDemand(PageLinkDao.class).insertCode(link.id(), Tokens.hash(code), Tokens.hash(browser), now(), link.expiresAt());
        return code;
    }

    /**
     * A person posted a code in a room: it verifies the codes shown for links bound to that person in that room.
     *
     * @return true when a code was verified
     */
    public boolean verifyCode(String channel, String roomId, String accountId, String code) {
        String digits = asciiDigits(code);
        if (digits == null || digits.length() != CODE_DIGITS) {
            return false;
        }
        Instant now = now();
        PageLinkDao dao = jdbi.onDemand(PageLinkDao.class);
        List<Long> codes = dao.matchingCodes(Tokens.hash(digits), channel, roomId, accountId, now);
        int verified = 0;
        for (long id : codes) {
            verified += dao.verifyCode(id, now);
        }
        return verified > 0;
    }

    /** The code in ASCII digits: full-width digits (１２３) count, spaces are dropped; null when anything else is in it. */
    static String asciiDigits(String code) {
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (Character.isWhitespace(c) || c == '\u3000' || c == '-') {
                continue;
            }
            int digit = Character.digit(c, 10);
            if (digit < 0) {
                return null;
            }
            digits.append((char) ('0' + digit));
        }
        return digits.toString();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
