package dev.contractgate.config;

import java.util.List;

/** The HTTP server. */
public record ServerConfig(Integer port) {
    public ServerConfig {
        port = port == null ? 8080 : port;
    }

    void validate(String path, List<String> problems) {
        if (port < 0 || port > 65_535) {
            problems.add(path + ".port: must be between 0 and 65535 (0 = any free port), got " + port);
        }
    }
}
