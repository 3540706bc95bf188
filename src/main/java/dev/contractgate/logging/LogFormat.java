package dev.contractgate.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import dev.contractgate.config.ConfigException;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * {@code CONTRACTGATE_LOG_FORMAT}: {@code text} (the default, one readable line per event, as {@code logback.xml}
 * writes it) or {@code json} (one JSON object per line, see {@link JsonLogEncoder}). Logs go to stderr either way.
 */
public final class LogFormat {
    public static final String VARIABLE = "CONTRACTGATE_LOG_FORMAT";
    private static final List<String> FORMATS = List.of("text", "json");
    private static final String APPENDER = "STDERR";

    private LogFormat() {
    }

    /** Switches the log to the format the variable names; a value that is neither is a configuration error. */
    public static void apply(String format) {
        String chosen = format == null || format.isBlank() ? "text" : format.strip();
        if (!FORMATS.contains(chosen)) {
            throw new ConfigException(VARIABLE + ": must be text or json, got '" + format + "'");
        }
        if (chosen.equals("json") && LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            if (root.getAppender(APPENDER) instanceof OutputStreamAppender<ILoggingEvent> appender
                    && !(appender.getEncoder() instanceof JsonLogEncoder)) {
                JsonLogEncoder encoder = new JsonLogEncoder();
                encoder.setContext(context);
                encoder.start();
                appender.stop();
                appender.setEncoder(encoder);
                appender.start();
            }
        }
    }
}
