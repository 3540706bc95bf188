package dev.contractgate.config;

import dev.contractgate.validation.ControlCharacters;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Secrets, read only from the environment and never logged ({@link #toString()} redacts them).
 *
 * @param chatworkWebhookTokens one token per Chatwork webhook setting (at most 5), Base64 text
 * @param lineChannelSecrets the LINE channel secret; two during a secret rotation (the old one and the new one)
 */
public record Secrets(
        String operatorKey,
        String chatworkApiToken,
        List<String> chatworkWebhookTokens,
        String msteamsAppPassword,
        String databasePassword,
        List<String> lineChannelSecrets,
        String lineChannelAccessToken) {

    public static final String OPERATOR_KEY = "CONTRACTGATE_OPERATOR_KEY";
    public static final String CHATWORK_API_TOKEN = "CHATWORK_API_TOKEN";
    public static final String CHATWORK_WEBHOOK_TOKENS = "CHATWORK_WEBHOOK_TOKENS";
    public static final String MSTEAMS_APP_PASSWORD = "MSTEAMS_APP_PASSWORD";
    public static final String DB_PASSWORD = "CONTRACTGATE_DB_PASSWORD";
    public static final String LINE_CHANNEL_SECRET = "LINE_CHANNEL_SECRET";
    public static final String LINE_CHANNEL_ACCESS_TOKEN = "LINE_CHANNEL_ACCESS_TOKEN";
    private static final java.util.regex.Pattern LINE_SECRET = java.util.regex.Pattern.compile("[0-9a-fA-F]{32}");

    public Secrets {
        operatorKey = blankToNull(operatorKey);
        chatworkApiToken = blankToNull(chatworkApiToken);
        chatworkWebhookTokens = chatworkWebhookTokens == null ? List.of() : List.copyOf(chatworkWebhookTokens);
        msteamsAppPassword = blankToNull(msteamsAppPassword);
        databasePassword = blankToNull(databasePassword);
        lineChannelSecrets = lineChannelSecrets == null ? List.of() : List.copyOf(lineChannelSecrets);
        lineChannelAccessToken = blankToNull(lineChannelAccessToken);
    }

    /** Secrets without LINE's. */
    public Secrets(String operatorKey, String chatworkApiToken, List<String> chatworkWebhookTokens,
                   String msteamsAppPassword, String databasePassword) {
        this(operatorKey, chatworkApiToken, chatworkWebhookTokens, msteamsAppPassword, databasePassword, List.of(), null);
    }

    public static Secrets none() {
        return new Secrets(null, null, List.of(), null, null);
    }

    static Secrets fromEnvironment(Map<String, String> env, List<String> problems) {
        for (String variable : List.of(OPERATOR_KEY, CHATWORK_API_TOKEN, CHATWORK_WEBHOOK_TOKENS, DB_PASSWORD,
                LINE_CHANNEL_SECRET, LINE_CHANNEL_ACCESS_TOKEN)) {
            String problem = ControlCharacters.problem(env.get(variable));
            if (problem != null) {
                problems.add(variable + ": " + problem); // names the position, never the value
            }
        }
        List<String> webhookTokens = List.of();
        String tokens = env.get(CHATWORK_WEBHOOK_TOKENS);
        if (tokens != null && !tokens.isBlank()) {
            webhookTokens = java.util.Arrays.stream(tokens.split(","))
                    .map(String::trim)
                    .filter(token -> !token.isEmpty())
                    .toList();
            if (webhookTokens.size() > 5) {
                problems.add(CHATWORK_WEBHOOK_TOKENS + ": at most 5 tokens (Chatwork allows 5 webhook settings), got "
                        + webhookTokens.size());
            }
            for (int i = 0; i < webhookTokens.size(); i++) {
                if (!isBase64(webhookTokens.get(i))) {
                    problems.add(CHATWORK_WEBHOOK_TOKENS + ": token " + (i + 1)
                            + " is not Base64 text (copy it from Chatwork's webhook settings page)");
                }
            }
        }
        String operatorKey = env.get(OPERATOR_KEY);
        if (operatorKey != null && !operatorKey.isBlank() && operatorKey.trim().length() < 24) {
            problems.add(OPERATOR_KEY + ": must be at least 24 characters long (it grants full access)");
        }
        return new Secrets(operatorKey, env.get(CHATWORK_API_TOKEN), webhookTokens, env.get(MSTEAMS_APP_PASSWORD),
                env.get(DB_PASSWORD), lineSecrets(env.get(LINE_CHANNEL_SECRET), problems), env.get(LINE_CHANNEL_ACCESS_TOKEN));
    }

    /** One channel secret, or two (comma-separated) while the secret is being reissued: both are accepted then. */
    private static List<String> lineSecrets(String value, List<String> problems) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        List<String> secrets = java.util.Arrays.stream(value.split(",")).map(String::trim)
                .filter(secret -> !secret.isEmpty()).toList();
        if (secrets.size() > 2) {
            problems.add(LINE_CHANNEL_SECRET + ": at most 2 secrets (the current one and, during a reissue, the new one), got "
                    + secrets.size());
        }
        for (int i = 0; i < secrets.size(); i++) {
            if (!LINE_SECRET.matcher(secrets.get(i)).matches()) {
                problems.add(LINE_CHANNEL_SECRET + ": secret " + (i + 1) + " is not a channel secret (32 hexadecimal "
                        + "characters, from the Basic settings tab of the LINE Developers console)");
            }
        }
        return secrets;
    }

    private static boolean isBase64(String text) {
        try {
            return java.util.Base64.getDecoder().decode(text).length > 0;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    public Optional<String> chatworkApiTokenIfSet() {
        return Optional.ofNullable(chatworkApiToken);
    }

    @Override
    public String toString() {
        return "Secrets[" + OPERATOR_KEY + "=" + redact(operatorKey)
                + ", " + CHATWORK_API_TOKEN + "=" + redact(chatworkApiToken)
                + ", " + CHATWORK_WEBHOOK_TOKENS + "=" + (chatworkWebhookTokens.isEmpty() ? "unset" : chatworkWebhookTokens.size() + " set")
                + ", " + MSTEAMS_APP_PASSWORD + "=" + redact(msteamsAppPassword)
                + ", " + DB_PASSWORD + "=" + redact(databasePassword)
                + ", " + LINE_CHANNEL_SECRET + "=" + (lineChannelSecrets.isEmpty() ? "unset" : lineChannelSecrets.size() + " set")
                + ", " + LINE_CHANNEL_ACCESS_TOKEN + "=" + redact(lineChannelAccessToken) + "]";
    }

    private static String redact(String value) {
        return value == null ? "unset" : "set";
    }
}
