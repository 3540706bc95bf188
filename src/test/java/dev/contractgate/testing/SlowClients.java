package dev.contractgate.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Slow clients on raw sockets: each announces a large request body and then trickles it, a byte to every
 * connection at each tick, the way a stranger would try to hold the server's threads. {@link #close()} drops them.
 */
public final class SlowClients implements AutoCloseable {
    private final List<Socket> sockets = new ArrayList<>();
    private final Thread trickler;
    private volatile boolean running = true;
    private volatile int open;

    private SlowClients(int port, int count, String path, int announcedLength, Duration tick) throws IOException {
        byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + announcedLength + "\r\n\r\n{\"a").getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < count; i++) {
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.getOutputStream().write(head);
            socket.getOutputStream().flush();
            sockets.add(socket);
        }
        open = count;
        trickler = new Thread(() -> trickle(tick), "slow-clients");
        trickler.setDaemon(true);
        trickler.start();
    }

    /** Opens {@code count} connections that each announce {@code announcedLength} bytes to {@code path} and trickle them. */
    public static SlowClients open(int port, int count, String path, int announcedLength, Duration tick) throws IOException {
        return new SlowClients(port, count, path, announcedLength, tick);
    }

    /** How many connections were still writable at the last tick. */
    public int open() {
        return open;
    }

    private void trickle(Duration tick) {
        while (running) {
            int writable = 0;
            for (Socket socket : sockets) {
                if (socket.isClosed()) {
                    continue;
                }
                try {
                    OutputStream out = socket.getOutputStream();
                    out.write('a');
                    out.flush();
                    writable++;
                } catch (IOException e) {
                    closeQuietly(socket);
                }
            }
            open = writable;
            try {
                Thread.sleep(tick.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    @Override
    public void close() {
        running = false;
        trickler.interrupt();
        try {
            trickler.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sockets.forEach(SlowClients::closeQuietly);
    }
}
