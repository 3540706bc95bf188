package dev.contractgate.benchmark;

import dev.contractgate.testing.ChatworkWebhooks;
import dev.contractgate.testing.RunningService;
import dev.contractgate.testing.SlowClients;
import dev.contractgate.testing.TestEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * How many slow clients (a large body announced, a byte every two seconds) the server holds while {@code /health}
 * stays fast. The rate check is off, so the connections stay open: the worst case. Printed, never asserted. Run with
 * {@code mvn -B test -Dgroups=benchmark -Dexcluded.groups= -Dtest=SlowClientsBenchmark}; {@code -Dslow.max=N} sets
 * the largest step (each connection costs two file descriptors here: client and server share the JVM).
 */
@Tag("benchmark")
@Timeout(value = 30, unit = TimeUnit.MINUTES) // measurements take minutes; the default 5 m is for tests
class SlowClientsBenchmark {
    @TempDir
    Path folder;

    @Test
    void healthLatencyWhileSlowClientsHangOn() throws Exception {
        int max = Integer.getInteger("slow.max", 8_000);
        OkHttpClient client = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(30)).build();
        List<SlowClients> opened = new ArrayList<>();
        try (RunningService service = RunningService.start(new TestEnvironment(folder)
                .useConfig("server:\n  min_request_data_rate: 0\n  idle_timeout: 1h\n"))) {
            Request health = new Request.Builder().url(service.http().url("/health")).build();
            for (int i = 0; i < 300; i++) { // warm-up
                client.newCall(health).execute().close();
            }
            int open = 0;
            for (int step = 1_000; step <= max; step *= 2) {
                opened.add(SlowClients.open(service.port(), step - open, "/webhooks/chatwork", 60_000, Duration.ofSeconds(2)));
                open = step;
                Thread.sleep(2_000);
                List<Long> micros = new ArrayList<>();
                for (int i = 0; i < 500; i++) {
                    long start = System.nanoTime();
                    try (Response response = client.newCall(health).execute()) {
                        response.body().string();
                    }
                    micros.add((System.nanoTime() - start) / 1_000);
                }
                long webhookStart = System.nanoTime();
                String body = ChatworkWebhooks.created(String.valueOf(984_676_321_621_800_000L + step), "36818150",
                        "1484814", "hello", 1_790_000_000L);
                int webhookStatus;
                try (Response response = client.newCall(ChatworkWebhooks.signed(service.http(), body)).execute()) {
                    webhookStatus = response.code();
                }
                long webhookMicros = (System.nanoTime() - webhookStart) / 1_000;
                Collections.sort(micros);
                int still = opened.stream().mapToInt(SlowClients::open).sum();
                System.out.printf("slow connections %d (%d still open): /health p50 %.1f ms, p99 %.1f ms, max %.1f ms;"
                                + " signed webhook %d in %.1f ms%n", step, still, micros.get(250) / 1e3,
                        micros.get(494) / 1e3, micros.get(499) / 1e3, webhookStatus, webhookMicros / 1e3);
            }
        } finally {
            opened.forEach(SlowClients::close);
        }
    }
}
