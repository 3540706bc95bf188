package dev.contractgate.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Grafana dashboard shows only metrics the README documents, so an operator can look each one up. */
class DashboardTest {
    private static final Pattern OURS = Pattern.compile("\\bcontractgate_[a-z_]+");

    @Test
    void showsOnlyDocumentedMetrics() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(Path.of("docs/grafana/contractgate.json").toFile());
        String readme = Files.readString(Path.of("README.md"));
        Set<String> undocumented = new TreeSet<>();
        int queries = 0;
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.path("targets")) {
                queries++;
                Matcher names = OURS.matcher(target.get("expr").asText());
                while (names.find()) {
                    String name = names.group().replaceAll("_(bucket|sum|count)$", "");
                    if (!readme.contains("`" + name + "`")) {
                        undocumented.add(name);
                    }
                }
            }
        }
        assertThat(queries).isGreaterThan(20);
        assertThat(undocumented).isEmpty();
    }
}
