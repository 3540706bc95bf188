package dev.contractgate.analysis;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What was built from some file contents, kept for the next load of the same contents in this process: building the
 * rule index and reading the model take most of a start-up, and a process that loads the analyser again (the
 * commands that share a JVM, a test run starting many services) should not pay twice. Keyed by a SHA-256 of the
 * contents and where they came from, so a changed file is built anew; only the last few are kept. The values are
 * immutable and shared between threads.
 */
final class ContentCache<V> {
    private final int capacity;
    private final Map<String, V> built;

    ContentCache(int capacity) {
        this.capacity = capacity;
        this.built = new LinkedHashMap<>(capacity * 2, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > ContentCache.this.capacity;
            }
        };
    }

    /** The value built from these contents, building it now when it is not kept (a failed build is not kept). */
    V get(Supplier<V> build, byte[]... contents) {
        String key = key(contents);
        synchronized (built) {
            V kept = built.get(key);
            if (kept != null) {
                return kept;
            }
        }
        V value = build.get();
        if (value != null) {
            synchronized (built) {
                built.put(key, value);
            }
        }
        return value;
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String key(byte[]... contents) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (byte[] part : contents) {
                sha.update(ByteBuffer.allocate(Integer.BYTES).putInt(part.length).array()); // parts cannot run together
                sha.update(part);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
