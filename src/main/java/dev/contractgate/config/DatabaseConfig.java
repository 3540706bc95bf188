package dev.contractgate.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/** Where the data lives. The password is a secret and comes from {@code CONTRACTGATE_DB_PASSWORD} only. */
public record DatabaseConfig(String url, String user, Integer poolSize) {
    public static final String DEFAULT_URL = "jdbc:sqlite:data/contractgate.db";

    public DatabaseConfig {
        url = url == null || url.isBlank() ? DEFAULT_URL : url.trim();
        user = user == null || user.isBlank() ? null : user.trim();
        poolSize = poolSize == null ? 0 : poolSize;
    }

    @JsonIgnore
    public boolean isSqlite() {
        return url.startsWith("jdbc:sqlite:");
    }

    @JsonIgnore
    public boolean isPostgres() {
        return url.startsWith("jdbc:postgresql:");
    }

    void validate(String path, List<String> problems) {
        if (!isSqlite() && !isPostgres()) {
            problems.add(path + ".url: must start with jdbc:sqlite: or jdbc:postgresql:, got '" + url + "'");
        }
        if (url.equals("jdbc:sqlite::memory:") || url.equals("jdbc:sqlite:")) {
            problems.add(path + ".url: an in-memory SQLite database would lose everything on restart; name a file");
        }
        Checks.between(path + ".pool_size", poolSize, 0, 200, problems);
    }
}
