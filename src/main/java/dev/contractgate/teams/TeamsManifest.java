package dev.contractgate.teams;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;

/**
 * The Teams app package an admin or user sideloads to install the bot: {@code manifest.json} (the bot with our App
 * ID in personal, group chat and team scope; the resource-specific consent to read every message of the chats and
 * channels it is added to) and the two icons Teams requires, drawn here (no fonts needed).
 */
public final class TeamsManifest {
    public static final String MANIFEST_VERSION = "1.17";
    public static final int COLOR_ICON_SIZE = 192;
    public static final int OUTLINE_ICON_SIZE = 32;
    /** Reading every message of a group chat, and of a team's channels, without being @mentioned. */
    public static final List<String> RESOURCE_SPECIFIC_CONSENT = List.of("ChatMessage.Read.Chat", "ChannelMessage.Read.Group");
    private static final Color ACCENT = new Color(0x1F, 0x5C, 0x99);

    /** The pages the package links to. */
    public record Links(String website, String privacy, String terms) {
    }

    private TeamsManifest() {
    }

    /** Writes the package to {@code out}. */
    public static void write(Path out, String appId, String name, String version, Links links) throws IOException {
        try (OutputStream file = Files.newOutputStream(out); ZipOutputStream zip = new ZipOutputStream(file)) {
            entry(zip, "manifest.json", manifest(appId, name, version, links));
            entry(zip, "color.png", png(colorIcon()));
            entry(zip, "outline.png", png(outlineIcon()));
        }
    }

    private static void entry(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }

    static byte[] manifest(String appId, String name, String version, Links links) {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode manifest = json.createObjectNode()
                .put("$schema", "https://developer.microsoft.com/en-us/json-schemas/teams/v" + MANIFEST_VERSION
                        + "/MicrosoftTeams.schema.json")
                .put("manifestVersion", MANIFEST_VERSION)
                .put("version", version)
                .put("id", appId);
        manifest.putObject("developer").put("name", name).put("websiteUrl", links.website())
                .put("privacyUrl", links.privacy()).put("termsOfUseUrl", links.terms());
        manifest.putObject("name").put("short", truncate(name, 30))
                .put("full", truncate(name + ": off-platform contact guard for freelancers", 100));
        manifest.putObject("description")
                .put("short", "Checks that an off-platform contact application covers the people in a chat.")
                .put("full", "ContractGate sits in chats between a freelancer and a client from a crowdsourcing platform "
                        + "(CrowdWorks, Lancers, Coconala, Upwork, Fiverr). It checks that an approved off-platform contact "
                        + "application (サービス外連絡申請) covers the pair, warns when not, and points out contact exchange, "
                        + "direct deals, negotiation and scam patterns in Japanese and English. It never deletes messages.");
        manifest.putObject("icons").put("color", "color.png").put("outline", "outline.png");
        manifest.put("accentColor", String.format("#%06X", ACCENT.getRGB() & 0xFFFFFF));
        ObjectNode bot = manifest.putArray("bots").addObject().put("botId", appId)
                .put("supportsFiles", false).put("isNotificationOnly", false);
        ArrayNode scopes = bot.putArray("scopes").add("personal").add("groupChat").add("team");
        ObjectNode commands = bot.putArray("commandLists").addObject();
        commands.set("scopes", scopes.deepCopy());
        ArrayNode list = commands.putArray("commands");
        list.addObject().put("title", "help").put("description", "What the bot understands (ヘルプ)");
        list.addObject().put("title", "status").put("description", "This chat's applications (状態)");
        list.addObject().put("title", "register").put("description", "Register as the freelancer (登録)");
        list.addObject().put("title", "apply").put("description", "File an approved application: apply <URL or id> (申請)");
        list.addObject().put("title", "confirm").put("description", "Confirm the other side's application (確認)");
        list.addObject().put("title", "summary").put("description", "The terms, ready to paste to the platform (まとめ)");
        manifest.putArray("permissions").add("identity").add("messageTeamMembers");
        manifest.putArray("validDomains");
        manifest.putObject("webApplicationInfo").put("id", appId).put("resource", "api://botid-" + appId);
        ArrayNode consent = manifest.putObject("authorization").putObject("permissions").putArray("resourceSpecific");
        RESOURCE_SPECIFIC_CONSENT.forEach(permission -> consent.addObject().put("name", permission).put("type", "Application"));
        try {
            return json.writeValueAsBytes(manifest);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    /** 192×192, full colour: a white shield with a check mark on the accent colour. */
    static BufferedImage colorIcon() {
        BufferedImage image = new BufferedImage(COLOR_ICON_SIZE, COLOR_ICON_SIZE, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(ACCENT);
        g.fillRect(0, 0, COLOR_ICON_SIZE, COLOR_ICON_SIZE);
        drawShield(g, COLOR_ICON_SIZE, Color.WHITE, ACCENT);
        g.dispose();
        return image;
    }

    /** 32×32: the same shield in white on a transparent background, as Teams requires of the outline icon. */
    static BufferedImage outlineIcon() {
        BufferedImage image = new BufferedImage(OUTLINE_ICON_SIZE, OUTLINE_ICON_SIZE, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        drawShield(g, OUTLINE_ICON_SIZE, Color.WHITE, new Color(0, 0, 0, 0));
        g.dispose();
        return image;
    }

    private static void drawShield(Graphics2D g, int size, Color shield, Color mark) {
        double s = size;
        Path2D.Double outline = new Path2D.Double();
        outline.moveTo(s * 0.50, s * 0.14);
        outline.lineTo(s * 0.80, s * 0.26);
        outline.curveTo(s * 0.80, s * 0.56, s * 0.70, s * 0.75, s * 0.50, s * 0.88);
        outline.curveTo(s * 0.30, s * 0.75, s * 0.20, s * 0.56, s * 0.20, s * 0.26);
        outline.closePath();
        g.setColor(shield);
        g.fill(outline);
        g.setComposite(mark.getAlpha() == 0 ? java.awt.AlphaComposite.Clear : java.awt.AlphaComposite.SrcOver);
        g.setColor(mark);
        g.setStroke(new BasicStroke((float) (s * 0.07), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        Path2D.Double check = new Path2D.Double();
        check.moveTo(s * 0.36, s * 0.50);
        check.lineTo(s * 0.46, s * 0.61);
        check.lineTo(s * 0.65, s * 0.40);
        g.draw(check);
    }

    private static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(image, "png", out)) {
            throw new IOException("no PNG writer in this Java runtime");
        }
        return out.toByteArray();
    }
}
