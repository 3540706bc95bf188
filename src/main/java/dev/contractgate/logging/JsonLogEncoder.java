package dev.contractgate.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import org.slf4j.event.KeyValuePair;

/**
 * One JSON object per line: {@code time} (RFC 3339), {@code level}, {@code logger}, {@code thread}, {@code message},
 * then the event's context as fields of their own ({@code event_id}, {@code channel}, {@code room}, {@code kind}, …
 * from the MDC and from structured arguments), and {@code error} with the stack trace.
 */
public final class JsonLogEncoder extends EncoderBase<ILoggingEvent> {
    private static final byte[] NOTHING = new byte[0];
    private final JsonFactory json = new JsonFactory();

    @Override
    public byte[] headerBytes() {
        return NOTHING;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        try (JsonGenerator out = json.createGenerator(line)) {
            out.writeStartObject();
            out.writeStringField("time", Instant.ofEpochMilli(event.getTimeStamp()).toString());
            out.writeStringField("level", event.getLevel().toString());
            out.writeStringField("logger", event.getLoggerName());
            out.writeStringField("thread", event.getThreadName());
            out.writeStringField("message", event.getFormattedMessage());
            for (Map.Entry<String, String> field : event.getMDCPropertyMap().entrySet()) {
                out.writeStringField(field.getKey(), field.getValue());
            }
            if (event.getKeyValuePairs() != null) {
                for (KeyValuePair pair : event.getKeyValuePairs()) {
                    out.writeStringField(pair.key, String.valueOf(pair.value));
                }
            }
            if (event.getThrowableProxy() != null) {
                out.writeStringField("error", ThrowableProxyUtil.asString(event.getThrowableProxy()));
            }
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        line.write('\n');
        return line.toByteArray();
    }

    @Override
    public byte[] footerBytes() {
        return NOTHING;
    }
}
