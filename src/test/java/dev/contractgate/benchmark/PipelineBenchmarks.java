package dev.contractgate.benchmark;

import dev.contractgate.Json;
import dev.contractgate.chat.Channels;
import dev.contractgate.chat.Pacing;
import dev.contractgate.chatwork.ChatworkChannel;
import dev.contractgate.chatwork.ChatworkClient;
import dev.contractgate.chatwork.ChatworkPayloads;
import dev.contractgate.config.OutboxConfig;
import dev.contractgate.db.Database;
import dev.contractgate.metrics.Metrics;
import dev.contractgate.outbox.NewOutboxEntry;
import dev.contractgate.outbox.OutboxDao;
import dev.contractgate.outbox.OutboxEntry;
import dev.contractgate.outbox.OutboxWorker;
import dev.contractgate.testing.ChatworkWebhooks;
import dev.contractgate.testing.Eventually;
import dev.contractgate.testing.FakeChatwork;
import dev.contractgate.testing.RunningService;
import dev.contractgate.testing.TestEnvironment;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measurements of the pipeline, printed, never asserted on time. Not part of {@code mvn verify}; run with
 * {@code mvn -B test -Dgroups=benchmark -Dexcluded.groups= -Dtest=PipelineBenchmarks}.
 */
@Tag("benchmark")
@Timeout(value = 30, unit = TimeUnit.MINUTES) // measurements take minutes; the default 5 m is for tests
class PipelineBenchmarks {
    @TempDir
    Path folder;

    /** Webhook received → reply posted to (fake) Chatwork, at a steady 20 events/s, each in its own room. */
    @Test
    void replyLatencyAtTwentyEventsPerSecond() throws Exception {
        int events = Integer.getInteger("events", 600);
        String bot = TestEnvironment.BOT_ACCOUNT_ID;
        try (FakeChatwork chatwork = new FakeChatwork(bot).accountLimit(100_000, Duration.ofMinutes(5));
             RunningService service = RunningService.start(new TestEnvironment(folder)
                     .set("CHATWORK_API_TOKEN", "token").set("CHATWORK_API_URL", chatwork.apiUrl()))) {
            for (int i = 0; i < events; i++) {
                chatwork.members(String.valueOf(50_000 + i), bot, "ContractGate", "3001", "佐藤");
            }
            List<Instant> sentAt = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < events; i++) {
                long due = start + i * 50_000_000L;
                while (System.nanoTime() < due) {
                    Thread.onSpinWait();
                }
                String body = ChatworkWebhooks.created(String.valueOf(1_000_000 + i), String.valueOf(50_000 + i), "3001",
                        "はじめまして、よろしくお願いします。", 1_790_000_000L);
                sentAt.add(Instant.now());
                service.http().send(ChatworkWebhooks.signed(service.http(), body));
            }
            Eventually.await("all replies posted", () -> chatwork.posts().size() >= events);
            List<Long> latencies = new ArrayList<>();
            List<Long> steady = new ArrayList<>();
            for (FakeChatwork.Post post : chatwork.posts()) {
                int index = Integer.parseInt(post.roomId()) - 50_000;
                long millis = Duration.between(sentAt.get(index), post.at()).toMillis();
                latencies.add(millis);
                if (index >= events / 6) {
                    steady.add(millis);
                }
            }
            report("reply latency at 20 events/s, all " + events + " events", latencies);
            report("reply latency at 20 events/s, after the first " + events / 6 + " (JIT warm-up)", steady);
        }
    }

    /**
     * Inbox processing rate: {@code -Devents} (default 4,000) events already in the inbox, spread over
     * {@code -Drooms} rooms (default 100), then the service starts and drains them. {@code -Dkind=smalltalk} (the
     * default) is chatter the bot only records; {@code -Dkind=alerts} is contact details, which the bot answers
     * (once per room and cool-down). The rate is events over the time between the first and the last one handled,
     * as the inbox recorded them, so start-up is not counted.
     */
    @Test
    void inboxThroughput() throws Exception {
        int events = Integer.getInteger("events", 4_000);
        int roomCount = Integer.getInteger("rooms", 100);
        String kind = System.getProperty("kind", "smalltalk");
        String bot = TestEnvironment.BOT_ACCOUNT_ID;
        String[] texts = kind.equals("alerts")
                ? new String[] {"LINE IDはtanaka_works77です", "メールは a.b@gmail.com に送ってください", "090-1234-5678 に電話ください"}
                : new String[] {"はじめまして、よろしくお願いします。", "了解です、確認します。", "ありがとうございます！"};
        TestEnvironment environment = new TestEnvironment(folder);
        try (FakeChatwork chatwork = new FakeChatwork(bot).accountLimit(1_000_000, Duration.ofMinutes(5))
                .roomLimit(1_000_000, Duration.ofSeconds(10))) {
            environment.set("CHATWORK_API_TOKEN", "token").set("CHATWORK_API_URL", chatwork.apiUrl());
            var loaded = environment.load();
            try (Database database = Database.open(loaded.config().database().url(), null, null, 1)) {
                database.migrate();
                dev.contractgate.inbox.InboxDao inbox = database.jdbi().onDemand(dev.contractgate.inbox.InboxDao.class);
                long sendTime = Instant.now().getEpochSecond() - 60;
                for (int i = 0; i < events; i++) {
                    String room = String.valueOf(50_000 + i % roomCount);
                    String body = ChatworkWebhooks.created(String.valueOf(1_000_000 + i), room, i % 2 == 0 ? "3001" : "4001",
                            texts[i % texts.length], sendTime);
                    inbox.insert(dev.contractgate.inbox.NewInboxEvent.pending("chatwork", "message_created",
                            String.valueOf(1_000_000 + i), 0, room, body), Instant.now());
                }
            }
            for (int i = 0; i < roomCount; i++) {
                chatwork.members(String.valueOf(50_000 + i), bot, "ContractGate", "3001", "佐藤", "4001", "鈴木");
            }
            var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            try (RunningService service = RunningService.start(environment)) {
                long cpuStart = os.getProcessCpuTime();
                var jdbi = service.jdbi();
                long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
                while (jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM inbox_event WHERE status = 'pending'")
                        .mapTo(Long.class).one()) > 0 && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                Map<String, Object> row = jdbi.withHandle(h -> h.createQuery(
                        "SELECT COUNT(*) AS n, MIN(processed_at) AS first, MAX(processed_at) AS last FROM inbox_event"
                                + " WHERE status <> 'pending'").mapToMap().one());
                long handled = ((Number) row.get("n")).longValue();
                long millis = ((Number) row.get("last")).longValue() - ((Number) row.get("first")).longValue();
                long replies = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM outbox").mapTo(Long.class).one());
                double cpuSeconds = (os.getProcessCpuTime() - cpuStart) / 1e9;
                System.out.printf("inbox throughput (%s, %d rooms): %d events in %.2f s = %.0f events/s; %.0f events per"
                                + " CPU second of the process; %d replies promised%n", kind, roomCount, handled,
                        millis / 1000.0, handled * 1000.0 / Math.max(1, millis), handled / cpuSeconds, replies);
            }
        }
    }

    /** 600 queued replies (60 rooms × 10) against a fake that allows 30 requests per 5 s. */
    @Test
    void drainSixHundredRepliesAgainstAScaledDownAccountLimit() throws Exception {
        try (FakeChatwork chatwork = new FakeChatwork("9000001").accountLimit(30, Duration.ofSeconds(5));
             Database database = Database.open("jdbc:sqlite:" + folder.resolve("drain.db"), null, null, 0)) {
            database.migrate();
            OutboxDao dao = database.jdbi().onDemand(OutboxDao.class);
            for (int i = 0; i < 600; i++) {
                dao.insert(new NewOutboxEntry("chatwork", String.valueOf(100 + i % 60), "gate_warning", "reply " + i,
                        "3001", "gate_warning", "gate.uncovered", String.valueOf(i), null), Instant.now());
            }
            ChatworkChannel channel = ChatworkChannel.live(new ChatworkPayloads(Json.create()), true,
                    new ChatworkClient(new OkHttpClient(), chatwork.apiUrl(), "token", Json.create()),
                    new Pacing(List.of(new Pacing.Window(10, Duration.ofSeconds(10))), List.of()), "9000001");
            long start = System.nanoTime();
            try (OutboxWorker worker = new OutboxWorker(database.jdbi(), new Channels(List.of(channel)),
                    OutboxConfig.defaults(), Clock.systemUTC(), Metrics.none())) {
                worker.start();
                long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
                while (dao.count(OutboxEntry.SENT) < 600 && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("drained %d of 600 replies in %.1f s against 30 requests / 5 s (ideal %.1f s); "
                            + "429s received: %d for the account, %d for a room%n", dao.count(OutboxEntry.SENT), seconds,
                    (600 / 30 - 1) * 5.0, chatwork.accountRejections(), chatwork.roomRejections());
        }
    }

    /**
     * One room's sends hang (stored, answered after 60 s, past the client's 10 s timeout); 50 replies to 10 other
     * rooms are queued behind them. How long do the others wait?
     */
    @Test
    void howLongAHungRoomDelaysTheOthers() throws Exception {
        hungRoom(1);
        hungRoom(OutboxConfig.defaults().parallelRooms());
    }

    private void hungRoom(int parallelRooms) throws Exception {
        try (FakeChatwork chatwork = new FakeChatwork("9000001").accountLimit(100_000, Duration.ofMinutes(5))
                .storeThenHang("1", Duration.ofSeconds(60));
             Database database = Database.open("jdbc:sqlite:" + folder.resolve("hung-" + parallelRooms + ".db"), null, null, 0)) {
            database.migrate();
            OutboxDao dao = database.jdbi().onDemand(OutboxDao.class);
            Instant queued = Instant.now();
            for (int i = 0; i < 3; i++) {
                dao.insert(new NewOutboxEntry("chatwork", "1", "gate_warning", "to the hung room " + i, "3001",
                        "gate_warning", null, null, null), queued);
            }
            for (int i = 0; i < 50; i++) {
                dao.insert(new NewOutboxEntry("chatwork", String.valueOf(100 + i % 10), "gate_warning", "reply " + i,
                        "3001", "gate_warning", null, null, null), queued);
            }
            ChatworkChannel channel = ChatworkChannel.live(new ChatworkPayloads(Json.create()), true,
                    new ChatworkClient(new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(10)).build(),
                            chatwork.apiUrl(), "token", Json.create()),
                    new Pacing(List.of(new Pacing.Window(10, Duration.ofSeconds(10))), List.of()), "9000001");
            try (OutboxWorker worker = new OutboxWorker(database.jdbi(), new Channels(List.of(channel)),
                    new OutboxConfig(null, null, null, null, parallelRooms), Clock.systemUTC(), Metrics.none())) {
                worker.start();
                long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
                while (chatwork.posts().stream().filter(post -> !post.roomId().equals("1")).count() < 50
                        && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                List<Long> delays = new ArrayList<>();
                chatwork.posts().stream().filter(post -> !post.roomId().equals("1"))
                        .forEach(post -> delays.add(Duration.between(queued, post.at()).toMillis()));
                report("outbox.parallel_rooms " + parallelRooms + ": other rooms' replies while one room hangs (queued to posted)", delays);
                chatwork.close();
            }
        }
    }

    private static void report(String what, List<Long> latencies) {
        Collections.sort(latencies);
        System.out.printf("%s: p50 %d ms, p90 %d ms, p99 %d ms, max %d ms%n", what, percentile(latencies, 50),
                percentile(latencies, 90), percentile(latencies, 99), latencies.get(latencies.size() - 1));
    }

    private static long percentile(List<Long> sorted, int percent) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1));
    }
}
