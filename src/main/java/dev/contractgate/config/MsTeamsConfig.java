package dev.contractgate.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Microsoft Teams through the Bot Framework protocol. The app password is a secret: see {@link Secrets}. Without an
 * app id the channel is off; without the password it is a dry run.
 *
 * @param appId the bot's Microsoft App ID (the audience of the tokens Teams sends, and {@code bots[].botId})
 * @param tenantId the bot's Entra tenant id (single-tenant bots, the default since 2025), or {@code botframework.com}
 *                 for a legacy multi-tenant bot
 * @param tokenUrl where the bot gets its own token; {@code {tenant}} is replaced by the tenant id
 * @param serviceUrlHosts comma-separated hosts the bot may send its token to: a name matches exactly, {@code *.name}
 *                        matches any host below it
 */
public record MsTeamsConfig(String appId, String tenantId, String openidMetadataUrl, String tokenUrl,
                            String serviceUrlHosts, String botName, Duration requestTimeout) {
    public static final String DEFAULT_OPENID_METADATA_URL = "https://login.botframework.com/v1/.well-known/openidconfiguration";
    public static final String DEFAULT_TOKEN_URL = "https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token";
    public static final String DEFAULT_SERVICE_URL_HOSTS = "smba.trafficmanager.net,*.botframework.com,*.teams.microsoft.com";
    public static final String MULTI_TENANT = "botframework.com";
    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern HOST = Pattern.compile("(\\*\\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");

    public MsTeamsConfig {
        appId = blankToNull(appId);
        tenantId = blankToNull(tenantId);
        openidMetadataUrl = openidMetadataUrl == null || openidMetadataUrl.isBlank() ? DEFAULT_OPENID_METADATA_URL : openidMetadataUrl.trim();
        tokenUrl = tokenUrl == null || tokenUrl.isBlank() ? DEFAULT_TOKEN_URL : tokenUrl.trim();
        serviceUrlHosts = serviceUrlHosts == null || serviceUrlHosts.isBlank() ? DEFAULT_SERVICE_URL_HOSTS
                : serviceUrlHosts.trim().toLowerCase(Locale.ROOT);
        botName = blankToNull(botName);
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(10) : requestTimeout;
    }

    public static MsTeamsConfig defaults() {
        return new MsTeamsConfig(null, null, null, null, null, null, null);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** The hosts of {@link #serviceUrlHosts()}, one by one. */
    public List<String> allowedHosts() {
        return Arrays.stream(serviceUrlHosts.split(",")).map(String::trim).filter(host -> !host.isEmpty()).toList();
    }

    /** The token endpoint of the configured tenant. */
    public String tokenEndpoint() {
        return tokenUrl.replace("{tenant}", tenantId == null ? MULTI_TENANT : tenantId);
    }

    void validate(String path, List<String> problems) {
        if (appId != null && !GUID.matcher(appId).matches()) {
            problems.add(path + ".app_id: must be the bot's Microsoft App ID (a GUID), got '" + appId + "'");
        }
        if (tenantId != null && !GUID.matcher(tenantId).matches() && !tenantId.matches("[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+")) {
            problems.add(path + ".tenant_id: must be an Entra tenant id (a GUID), or " + MULTI_TENANT
                    + " for a multi-tenant bot, got '" + tenantId + "'");
        }
        Checks.url(path + ".openid_metadata_url", openidMetadataUrl, problems);
        Checks.url(path + ".token_url", tokenUrl.replace("{tenant}", "tenant"), problems);
        if (allowedHosts().isEmpty()) {
            problems.add(path + ".service_url_hosts: name at least one host");
        }
        for (String host : allowedHosts()) {
            if (!HOST.matcher(host).matches()) {
                problems.add(path + ".service_url_hosts: '" + host + "' is not a host name (or *.name)");
            } else if (host.equals("*.trafficmanager.net")) {
                problems.add(path + ".service_url_hosts: *.trafficmanager.net is open to anyone; allow smba.trafficmanager.net only");
            }
        }
        Checks.between(path + ".request_timeout", requestTimeout, Duration.ofMillis(1), Duration.ofMinutes(5), problems);
    }
}
