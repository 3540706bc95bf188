package dev.contractgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TeamsManifestCommandTest {
    static final String APP_ID = "11111111-2222-3333-4444-555555555555";

    @TempDir
    Path folder;

    private Map<String, byte[]> unzip(Path file) throws IOException {
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            zip.stream().forEach(entry -> {
                try {
                    entries.put(entry.getName(), zip.getInputStream(entry).readAllBytes());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        return entries;
    }

    @Test
    void writesAnAppPackageForTheConfiguredAppId() throws IOException {
        Path out = folder.resolve("contractgate-teams.zip");

        CliTest.Outcome outcome = CliTest.run(Map.of("MSTEAMS_APP_ID", APP_ID), "teams", "manifest", "--out", out.toString());

        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        Map<String, byte[]> entries = unzip(out);
        assertThat(entries).containsOnlyKeys("manifest.json", "color.png", "outline.png");
        JsonNode manifest = new ObjectMapper().readTree(entries.get("manifest.json"));
        assertThat(manifest.get("id").asText()).isEqualTo(APP_ID);
        assertThat(manifest.get("version").asText()).matches("\\d+\\.\\d+\\.\\d+");
        assertThat(manifest.at("/bots/0/botId").asText()).isEqualTo(APP_ID);
        assertThat(manifest.at("/bots/0/scopes")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("personal", "groupChat", "team");
        assertThat(manifest.at("/authorization/permissions/resourceSpecific")).extracting(node -> node.get("name").asText())
                .containsExactlyInAnyOrder("ChatMessage.Read.Chat", "ChannelMessage.Read.Group");
        assertThat(manifest.at("/webApplicationInfo/id").asText()).isEqualTo(APP_ID);
        assertThat(manifest.at("/icons/color").asText()).isEqualTo("color.png");
        assertThat(manifest.at("/developer/privacyUrl").asText()).startsWith("https://");
        assertThat(manifest.at("/name/short").asText().length()).isLessThanOrEqualTo(30);

        BufferedImage color = ImageIO.read(new ByteArrayInputStream(entries.get("color.png")));
        BufferedImage outline = ImageIO.read(new ByteArrayInputStream(entries.get("outline.png")));
        assertThat(List.of(color.getWidth(), color.getHeight())).containsExactly(192, 192);
        assertThat(List.of(outline.getWidth(), outline.getHeight())).containsExactly(32, 32);
        assertThat(outline.getRGB(0, 0) >>> 24).as("the outline icon is transparent around the shape").isZero();
        assertThat(outline.getRGB(16, 8) & 0xFFFFFF).as("and white inside it").isEqualTo(0xFFFFFF);
    }

    @Test
    void refusesWithoutAnAppIdAndNamesTheSetting() {
        CliTest.Outcome outcome = CliTest.run(Map.of(), "teams", "manifest", "--out", folder.resolve("x.zip").toString());

        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains("MSTEAMS_APP_ID");
    }

    @Test
    void refusesAPlainHttpLink() {
        CliTest.Outcome outcome = CliTest.run(Map.of("MSTEAMS_APP_ID", APP_ID), "teams", "manifest",
                "--out", folder.resolve("x.zip").toString(), "--privacy-url", "http://example.com/privacy");

        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).contains("--privacy-url");
    }
}
