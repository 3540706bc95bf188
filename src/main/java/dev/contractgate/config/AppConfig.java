package dev.contractgate.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The whole configuration: {@code config/contractgate.yml}, overridden by environment variables.
 * Secrets are not here: they come only from the environment, see {@link Secrets}.
 */
public record AppConfig(
        ServerConfig server,
        DatabaseConfig database,
        String language,
        String timeZone,
        ChatworkConfig chatwork,
        MsTeamsConfig msteams,
        LineConfig line,
        InboxConfig inbox,
        OutboxConfig outbox,
        GateConfig gate,
        RoomsConfig rooms,
        AnalysisConfig analysis,
        RemindersConfig reminders,
        MetricsConfig metrics,
        PagesConfig pages) {

    public static final List<String> LANGUAGES = List.of("ja", "en");

    public AppConfig {
        server = server == null ? ServerConfig.defaults() : server;
        database = database == null ? new DatabaseConfig(null, null, null) : database;
        language = language == null ? "ja" : language;
        timeZone = timeZone == null || timeZone.isBlank() ? "Asia/Tokyo" : timeZone.trim();
        chatwork = chatwork == null ? ChatworkConfig.defaults() : chatwork;
        msteams = msteams == null ? MsTeamsConfig.defaults() : msteams;
        line = line == null ? LineConfig.defaults() : line;
        inbox = inbox == null ? new InboxConfig(null, null, null) : inbox;
        outbox = outbox == null ? OutboxConfig.defaults() : outbox;
        gate = gate == null ? new GateConfig(null) : gate;
        rooms = rooms == null ? new RoomsConfig(null) : rooms;
        analysis = analysis == null ? new AnalysisConfig(null, null, null) : analysis;
        reminders = reminders == null ? new RemindersConfig(null, null, null, null) : reminders;
        metrics = metrics == null ? new MetricsConfig(null) : metrics;
        pages = pages == null ? PagesConfig.defaults() : pages;
    }

    /** The time zone of the people in the rooms: dates they write, and dates the bot writes. */
    public java.time.ZoneId zone() {
        return java.time.ZoneId.of(timeZone);
    }

    public static AppConfig defaults() {
        return new AppConfig(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** Every problem, each naming its setting; empty when the configuration can be used. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        server.validate("server", problems);
        database.validate("database", problems);
        if (!LANGUAGES.contains(language)) {
            problems.add("language: must be one of " + LANGUAGES + ", got '" + language + "'");
        }
        try {
            java.time.ZoneId.of(timeZone);
        } catch (java.time.DateTimeException e) {
            problems.add("time_zone: not a time zone (write e.g. Asia/Tokyo), got '" + timeZone + "'");
        }
        chatwork.validate("chatwork", problems);
        msteams.validate("msteams", problems);
        line.validate("line", problems);
        inbox.validate("inbox", problems);
        outbox.validate("outbox", problems);
        gate.validate("gate", problems);
        rooms.validate("rooms", problems);
        analysis.validate("analysis", problems);
        reminders.validate("reminders", problems);
        pages.validate("pages", problems);
        return problems;
    }
}
