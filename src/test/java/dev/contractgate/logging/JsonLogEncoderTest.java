package dev.contractgate.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class JsonLogEncoderTest {

    @Test
    void writesOneJsonObjectPerLineWithTheEventsIdsAsFieldsOfTheirOwn() throws Exception {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger logger = context.getLogger("dev.contractgate.test.json");
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        JsonLogEncoder encoder = new JsonLogEncoder();
        encoder.setContext(context);
        encoder.start();
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setOutputStream(written);
        appender.start();
        logger.addAppender(appender);
        logger.setAdditive(false);
        try {
            LogContext.run(() -> logger.atWarn().addKeyValue("attempt", 3).log("outbox: {} to room {} failed", 42, "36818150"),
                    "outbox_id", "42", "room", "36818150", "kind", "gate_warning");
            logger.error("inbox: event failed", new IllegalStateException("no channel \"x\"\nsecond line"));
        } finally {
            logger.detachAppender(appender);
        }

        List<String> lines = written.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(2);
        JsonNode first = new ObjectMapper().readTree(lines.get(0));
        assertThat(first.get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
        assertThat(first.get("level").asText()).isEqualTo("WARN");
        assertThat(first.get("logger").asText()).isEqualTo("dev.contractgate.test.json");
        assertThat(first.get("message").asText()).isEqualTo("outbox: 42 to room 36818150 failed");
        assertThat(first.get("outbox_id").asText()).isEqualTo("42");
        assertThat(first.get("room").asText()).isEqualTo("36818150");
        assertThat(first.get("kind").asText()).isEqualTo("gate_warning");
        assertThat(first.get("attempt").asText()).isEqualTo("3");
        JsonNode second = new ObjectMapper().readTree(lines.get(1));
        assertThat(second.has("room")).as("the context ended with its work").isFalse();
        assertThat(second.get("error").asText()).contains("IllegalStateException: no channel \"x\"").contains("second line");
    }
}
