package dev.contractgate.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contractgate.testing.RegistryCalls;
import dev.contractgate.testing.RunningService;
import dev.contractgate.testing.Scrape;
import dev.contractgate.testing.TestEnvironment;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsAccessTest {
    @TempDir
    Path folder;

    @Test
    void isOpenByDefaultAndTimesRequestsByRouteTemplateNotByRawPath() {
        try (RunningService service = RunningService.start(new TestEnvironment(folder))) {
            service.http().get("/api/applications/12345", TestEnvironment.OPERATOR_KEY);
            service.http().get("/api/applications/67890", TestEnvironment.OPERATOR_KEY);
            service.http().get("/no/such/page/1");

            Scrape scrape = Scrape.of(service.http());

            assertThat(scrape.value("http_server_requests_seconds_count", "uri=\"/api/applications/{id}\"", "status=\"404\""))
                    .isEqualTo(2);
            assertThat(scrape.value("http_server_requests_seconds_count", "uri=\"NOT_FOUND\"")).isEqualTo(1);
            assertThat(scrape.text()).doesNotContain("12345").doesNotContain("/no/such/page");
            assertThat(service.http().get("/metrics").contentType()).startsWith("text/plain; version=0.0.4");
        }
    }

    @Test
    void asksForAnOperatorKeyWhenSetTo() {
        TestEnvironment environment = new TestEnvironment(folder).useConfig("metrics:\n  require_key: true\n");
        try (RunningService service = RunningService.start(environment)) {
            String clientKey = new RegistryCalls(service.http(), TestEnvironment.OPERATOR_KEY).createKey("client", "2001");

            assertThat(service.http().get("/metrics").status()).isEqualTo(401);
            assertThat(service.http().get("/metrics", clientKey).status()).isEqualTo(403);
            assertThat(service.http().get("/metrics", TestEnvironment.OPERATOR_KEY).body()).contains("jvm_threads_live_threads");
        }
    }
}
