package dev.contractgate.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.NanoTime;
import org.eclipse.jetty.util.thread.Invocable;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Reads the whole body of a request before a thread handles it. Javalin's handlers read bodies with blocking I/O, so a
 * client that announces a large body and trickles it would hold a thread for as long as it likes; a few hundred such
 * clients used to take every thread, and {@code /health} and the webhooks went unanswered. Here Jetty reads the body
 * without blocking (a waiting body costs a connection and the bytes received so far, never a thread), and the request
 * reaches the handlers only once its body is in memory.
 *
 * <p>Bodies are also bounded: one announced over its path's limit is refused with 413 at once, and one that averages
 * less than {@code minBytesPerSecond} once its {@code grace} has passed is refused with 408 and its connection closed.
 * A connection that sends nothing at all is closed by the connector's idle timeout.
 */
final class BodyFirstHandler extends Handler.Wrapper {
    private static final int INITIAL_BUFFER = 8 * 1024;
    private final ObjectMapper json;
    private final int defaultMaxBytes;
    private final Map<String, Integer> maxBytesByPath;
    private final long minBytesPerSecond;
    private final long graceNanos;

    /**
     * @param maxBytesByPath paths whose bodies may be larger (or must be smaller) than {@code defaultMaxBytes}
     * @param minBytesPerSecond 0 turns the rate check off
     */
    BodyFirstHandler(ObjectMapper json, int defaultMaxBytes, Map<String, Integer> maxBytesByPath, long minBytesPerSecond,
                     Duration grace) {
        this.json = json;
        this.defaultMaxBytes = defaultMaxBytes;
        this.maxBytesByPath = Map.copyOf(maxBytesByPath);
        this.minBytesPerSecond = minBytesPerSecond;
        this.graceNanos = grace.toNanos();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long announced = request.getLength();
        boolean chunked = request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
        if (announced <= 0 && !chunked) {
            return super.handle(request, response, callback);
        }
        int maxBytes = maxBytesByPath.getOrDefault(Request.getPathInContext(request), defaultMaxBytes);
        if (announced > maxBytes) {
            refuse(response, callback, HttpStatus.PAYLOAD_TOO_LARGE_413, "Content Too Large",
                    "the request body is announced as " + announced + " bytes; at most " + maxBytes + " are accepted");
            return true;
        }
        new BodyReader(request, response, callback, announced, maxBytes).start();
        return true;
    }

    /** Answers with a problem and closes the connection (the rest of the body is not read). */
    private void refuse(Response response, Callback callback, int status, String title, String detail) {
        byte[] body;
        try {
            body = json.writeValueAsBytes(Problem.of(status, title, detail));
        } catch (JsonProcessingException e) {
            callback.failed(e);
            return;
        }
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.CONTENT_TYPE);
        response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /**
     * Collects one request's body. Reading runs on Jetty's demand callbacks, which never block; the rate check runs on
     * Jetty's scheduler. Whichever settles the request first (the body is complete, or it is refused) wins.
     */
    private final class BodyReader implements Invocable.Task {
        private final Request request;
        private final Response response;
        private final Callback callback;
        private final long announced;
        private final int maxBytes;
        private final long startedAt = NanoTime.now();
        private final ByteArrayOutputStream body;
        private final AtomicBoolean settled = new AtomicBoolean();
        private volatile long received;
        private volatile Scheduler.Task rateCheck;

        BodyReader(Request request, Response response, Callback callback, long announced, int maxBytes) {
            this.request = request;
            this.response = response;
            this.callback = callback;
            this.announced = announced;
            this.maxBytes = maxBytes;
            // Grown as bytes arrive: a client that announces much and sends little costs little.
            this.body = new ByteArrayOutputStream((int) Math.min(Math.max(announced, 256), INITIAL_BUFFER));
        }

        void start() {
            if (minBytesPerSecond > 0) {
                scheduleRateCheck(graceNanos);
            }
            read(false);
        }

        @Override
        public InvocationType getInvocationType() {
            return InvocationType.NON_BLOCKING;
        }

        /** Jetty has more of the body for us. */
        @Override
        public void run() {
            read(true);
        }

        /** @param fromDemand true on a demand callback, which must not run the (blocking) handlers itself */
        private void read(boolean fromDemand) {
            while (!settled.get()) {
                Content.Chunk chunk;
                try {
                    chunk = request.read();
                    if (chunk == null) {
                        request.demand(this);
                        return;
                    }
                } catch (RuntimeException e) {
                    fail(e); // the request was answered meanwhile (refused as too slow), or the connection broke
                    return;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    fail(chunk.getFailure());
                    return;
                }
                boolean last = chunk.isLast();
                copy(chunk);
                chunk.release();
                if (last || body.size() > maxBytes) {
                    complete(fromDemand);
                    return;
                }
            }
        }

        /** Keeps at most one byte over the limit: enough for the handlers to answer 413. */
        private void copy(Content.Chunk chunk) {
            ByteBuffer bytes = chunk.getByteBuffer();
            int keep = Math.min(bytes.remaining(), maxBytes + 1 - body.size());
            if (keep <= 0) {
                return;
            }
            if (bytes.hasArray()) {
                body.write(bytes.array(), bytes.arrayOffset() + bytes.position(), keep);
            } else {
                byte[] copy = new byte[keep];
                bytes.duplicate().get(copy);
                body.write(copy, 0, keep);
            }
            received = body.size();
        }

        private void complete(boolean fromDemand) {
            if (!settled.compareAndSet(false, true)) {
                return;
            }
            cancelRateCheck();
            Request buffered = new BufferedRequest(request, body.toByteArray());
            if (fromDemand) {
                request.getContext().execute(() -> handleNext(buffered));
            } else {
                handleNext(buffered);
            }
        }

        private void handleNext(Request buffered) {
            try {
                if (!getHandler().handle(buffered, response, callback)) {
                    Response.writeError(buffered, response, callback, HttpStatus.NOT_FOUND_404);
                }
            } catch (Throwable failure) {
                Response.writeError(buffered, response, callback, failure);
            }
        }

        private void fail(Throwable failure) {
            if (!settled.compareAndSet(false, true)) {
                return;
            }
            cancelRateCheck();
            if (failure instanceof TimeoutException) {
                refuse(response, callback, HttpStatus.REQUEST_TIMEOUT_408, "Request Timeout",
                        "the request body stopped arriving (" + received + " bytes received)");
            } else {
                callback.failed(failure); // the client went away
            }
        }

        private void scheduleRateCheck(long delayNanos) {
            rateCheck = request.getComponents().getScheduler().schedule(this::checkRate, delayNanos, TimeUnit.NANOSECONDS);
        }

        private void cancelRateCheck() {
            Scheduler.Task task = rateCheck;
            if (task != null) {
                task.cancel();
            }
        }

        /** After the grace period the body must have averaged {@code minBytesPerSecond} since then, or be complete. */
        private void checkRate() {
            if (settled.get()) {
                return;
            }
            long elapsed = NanoTime.since(startedAt);
            long required = (elapsed - graceNanos) / 1_000 * minBytesPerSecond / 1_000_000;
            if (announced > 0) {
                required = Math.min(required, announced);
            }
            if (received >= required) {
                scheduleRateCheck(TimeUnit.SECONDS.toNanos(1));
                return;
            }
            if (settled.compareAndSet(false, true)) {
                refuse(response, callback, HttpStatus.REQUEST_TIMEOUT_408, "Request Timeout",
                        String.format("the request body arrives too slowly: %d bytes in %.1f s (at least %d bytes per"
                                + " second are needed after the first %d s)", received, elapsed / 1e9,
                                minBytesPerSecond, TimeUnit.NANOSECONDS.toSeconds(graceNanos)));
            }
        }
    }

    /** The request as the handlers see it: its body, whole, from memory. */
    private static final class BufferedRequest extends Request.Wrapper {
        private Content.Chunk content;

        BufferedRequest(Request request, byte[] body) {
            super(request);
            this.content = Content.Chunk.from(ByteBuffer.wrap(body), true);
        }

        @Override
        public synchronized Content.Chunk read() {
            Content.Chunk chunk = content;
            content = Content.Chunk.EOF;
            return chunk;
        }

        @Override
        public void demand(Runnable demandCallback) {
            demandCallback.run(); // everything there is has been read already
        }
    }
}
