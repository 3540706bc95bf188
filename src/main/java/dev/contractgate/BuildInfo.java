package dev.contractgate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * What this build is: its version and the git commit it was built from, written into
 * {@code contractgate-build.properties} by the build. A build without a git repository says {@code unknown}.
 */
public record BuildInfo(String version, String commit, boolean dirty) {
    public static final String UNKNOWN = "unknown";
    private static final String RESOURCE = "/contractgate-build.properties";

    /** The running build's. */
    public static BuildInfo current() {
        Properties properties = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        return new BuildInfo(known(properties.getProperty("version")), known(properties.getProperty("commit")),
                "true".equals(properties.getProperty("dirty")));
    }

    /** {@code 0.1.0 (commit 1a2b3c4d5e)}, with {@code , modified} for a build of uncommitted changes. */
    public String describe() {
        return version + " (commit " + commit + (dirty ? ", modified" : "") + ")";
    }

    private static String known(String value) {
        return value == null || value.isBlank() || value.startsWith("${") ? UNKNOWN : value.strip();
    }
}
