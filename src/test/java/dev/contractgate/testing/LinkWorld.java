package dev.contractgate.testing;

import dev.contractgate.outbox.OutboxDao;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A running service with web pages on a known address, a fake Chatwork with a room (the bot, a freelancer, a client)
 * and the freelancer's direct chat with the bot, and the chat steps that lead to a link.
 */
public final class LinkWorld implements AutoCloseable {
    public static final String BOT = TestEnvironment.BOT_ACCOUNT_ID;
    public static final String FREELANCER = "2001";
    public static final String CLIENT = "3001";
    public static final String ROOM = "880";
    public static final String DIRECT = "881";
    public static final String TO_BOT = "[To:" + BOT + "]ContractGateさん\n";
    private static final Pattern LINK = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+)(/l/[A-Za-z0-9_-]{43})");

    private final FakeChatwork chatwork;
    private final RunningService service;
    private final Messenger messenger = new Messenger(700_000);
    private final String baseUrl;

    public LinkWorld(Path folder, Clock clock) {
        int port = freePort();
        baseUrl = "http://127.0.0.1:" + port;
        chatwork = new FakeChatwork(BOT).roomLimit(100, Duration.ofSeconds(1))
                .members(ROOM, BOT, "ContractGate", FREELANCER, "山田 花子", CLIENT, "佐藤 健一")
                .members(DIRECT, BOT, "ContractGate", FREELANCER, "山田 花子");
        service = RunningService.start(chatwork.configure(new TestEnvironment(folder))
                .set("CONTRACTGATE_PORT", String.valueOf(port))
                .set("CONTRACTGATE_PUBLIC_URL", baseUrl), clock);
        Eventually.await("the bot's name is known", () -> chatwork.requestCount() >= 1);
    }

    public RunningService service() {
        return service;
    }

    public FakeChatwork chatwork() {
        return chatwork;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public PageClient browser() {
        return new PageClient(baseUrl);
    }

    public String say(String room, String sender, String text) {
        return messenger.say(service, room, sender, text, 1_790_000_000L);
    }

    /** The freelancer registers in the direct chat (which becomes their private route), then in the room. */
    public void freelancerRegisters() {
        say(DIRECT, FREELANCER, TO_BOT + "登録");
        say(ROOM, FREELANCER, TO_BOT + "登録");
        drained();
    }

    /** Someone sends {@code リンク} in the room; the link the bot answered with, wherever it went. */
    public String link(String sender) {
        int before = chatwork.posts().size();
        say(ROOM, sender, TO_BOT + "リンク");
        drained();
        return chatwork.posts().subList(before, chatwork.posts().size()).stream()
                .map(post -> LINK.matcher(post.body()))
                .filter(Matcher::find)
                .map(matcher -> matcher.group(2))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no link in " + chatwork.posts().subList(before, chatwork.posts().size())));
    }

    /** Waits until no reply is pending or being sent. */
    public void drained() {
        Eventually.await("outbox drained", () -> service.jdbi().onDemand(OutboxDao.class).list(null, null, 1000).stream()
                .noneMatch(entry -> entry.status().equals("pending") || entry.status().equals("sending")));
    }

    @Override
    public void close() {
        service.close();
        chatwork.close();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
