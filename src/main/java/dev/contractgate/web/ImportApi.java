package dev.contractgate.web;

import dev.contractgate.registry.ApplicationImporter;
import io.javalin.http.ContentTooLargeResponse;
import io.javalin.http.Context;
import io.javalin.http.UnsupportedMediaTypeResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;
import java.util.Locale;

/**
 * {@code POST /api/applications/import?notify=}: an operator files many applications at once, from JSON Lines or CSV,
 * and gets one result per line. A line with errors changes nothing; the good ones are filed. The body
 * may be up to {@link #MAX_BODY_BYTES}, not the 64 KiB of the other requests.
 */
public final class ImportApi {
    /** Files of tens of thousands of lines. */
    public static final int MAX_BODY_BYTES = 16 * 1024 * 1024;
    public static final String PATH = "/api/applications/import";

    private final ApplicationLines lines;
    private final ApplicationImporter importer;

    public ImportApi(ApplicationLines lines, ApplicationImporter importer) {
        this.lines = lines;
        this.importer = importer;
    }

    public void importFile(Context ctx) {
        Principal principal = ApiAuth.operator(ctx);
        ApplicationLines.Format format = ApplicationLines.Format.of(ctx.contentType());
        if (format == null) {
            throw new UnsupportedMediaTypeResponse("send the file as application/x-ndjson (JSON Lines) or text/csv (a header "
                    + "row of the field names of POST /api/applications), not " + ctx.contentType());
        }
        QueryInput query = new QueryInput(ctx, "notify");
        boolean notify = flag(query, "notify");
        query.errors().throwIfAny("invalid query");
        List<ApplicationImporter.Line> parsed = lines.read(body(ctx), charset(ctx.contentType()), format);
        ctx.json(importer.importLines(principal.actor(), parsed, notify, ApplicationImporter.CHUNK, done -> { }));
    }

    /** {@code true} or {@code false}; absent is false. */
    private static boolean flag(QueryInput query, String name) {
        String value = query.text(name);
        if (value != null && !value.equals("true") && !value.equals("false")) {
            query.errors().add(name, "must be true or false, got '" + value + "'");
        }
        return "true".equals(value);
    }

    private static byte[] body(Context ctx) {
        try (InputStream in = ctx.bodyInputStream()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw new ContentTooLargeResponse("an import is at most " + MAX_BODY_BYTES / (1024 * 1024)
                        + " MiB: split the file");
            }
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException("the import body cannot be read", e);
        }
    }

    private static Charset charset(String contentType) {
        for (String parameter : contentType.split(";")) {
            String[] pair = parameter.strip().split("=", 2);
            if (pair.length == 2 && pair[0].strip().toLowerCase(Locale.ROOT).equals("charset")) {
                try {
                    return Charset.forName(pair[1].strip().replace("\"", ""));
                } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                    throw new UnsupportedMediaTypeResponse("unknown charset " + pair[1].strip());
                }
            }
        }
        return StandardCharsets.UTF_8;
    }
}
