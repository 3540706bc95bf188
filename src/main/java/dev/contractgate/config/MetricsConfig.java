package dev.contractgate.config;

/**
 * {@code GET /metrics}.
 *
 * @param requireKey true: only a request with an operator API key may read it; false: anyone who reaches the port
 */
public record MetricsConfig(Boolean requireKey) {
    public MetricsConfig {
        requireKey = requireKey != null && requireKey;
    }
}
