package dev.contractgate;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.contractgate.chat.Channel;
import dev.contractgate.inbox.InboxDao;
import dev.contractgate.inbox.InboxEvent;
import dev.contractgate.metrics.Metrics;
import dev.contractgate.metrics.PrometheusMetrics;
import dev.contractgate.metrics.QueueGauges;
import dev.contractgate.outbox.DeadLetters;
import dev.contractgate.outbox.OutboxDao;
import dev.contractgate.outbox.OutboxEntry;
import dev.contractgate.registry.ApplicationImporter;
import dev.contractgate.registry.ApplicationNotices;
import dev.contractgate.web.ApiDocs;
import dev.contractgate.command.RoomSummary;
import dev.contractgate.pages.ConsoleSessions;
import dev.contractgate.pages.PageLinks;
import dev.contractgate.web.pages.AttemptLimiter;
import dev.contractgate.web.pages.Browser;
import dev.contractgate.web.pages.ConsoleAuth;
import dev.contractgate.web.pages.ConsolePages;
import dev.contractgate.web.pages.LinkPages;
import dev.contractgate.web.pages.PageRenderer;
import dev.contractgate.web.pages.PageText;
import dev.contractgate.web.pages.Pages;
import dev.contractgate.web.ApplicationLines;
import dev.contractgate.web.ImportApi;
import dev.contractgate.web.MetricsApi;
import dev.contractgate.chat.Channels;
import dev.contractgate.chatwork.ChatworkModule;
import dev.contractgate.teams.TeamsModule;
import dev.contractgate.line.LineModule;
import dev.contractgate.inbox.ChannelModule;
import dev.contractgate.registry.ChannelIds;
import dev.contractgate.analysis.Analyzer;
import dev.contractgate.analysis.LexiconException;
import dev.contractgate.analysis.SplitDetailTracker;
import dev.contractgate.bot.AnalysisObserver;
import dev.contractgate.bot.BotEventHandler;
import dev.contractgate.room.RegistryCoverage;
import dev.contractgate.room.RoomInspector;
import dev.contractgate.config.AnalysisConfig;
import dev.contractgate.config.ConfigException;
import dev.contractgate.command.CommandHandler;
import dev.contractgate.command.CommandWords;
import dev.contractgate.command.LinkCommand;
import dev.contractgate.gate.Gate;
import dev.contractgate.ledger.Ledger;
import dev.contractgate.ledger.RoomActivityDao;
import dev.contractgate.outbox.Outbox;
import dev.contractgate.outbox.OutboxWorker;
import dev.contractgate.reminder.ReminderWorker;
import dev.contractgate.reply.Messages;
import dev.contractgate.reply.ReplyComposer;
import dev.contractgate.room.RoomDirectory;
import dev.contractgate.web.InboxApi;
import dev.contractgate.web.LedgerApi;
import dev.contractgate.web.OutboxApi;
import dev.contractgate.web.RoomsApi;
import dev.contractgate.cli.Cli;
import dev.contractgate.config.AppConfig;
import dev.contractgate.config.ConfigLoader;
import dev.contractgate.config.Secrets;
import dev.contractgate.db.Database;
import dev.contractgate.inbox.ChatEventDispatcher;
import dev.contractgate.inbox.InboxAppendWorker;
import dev.contractgate.inbox.InboxWorker;
import dev.contractgate.registry.ApiKeys;
import dev.contractgate.registry.Registry;
import dev.contractgate.web.ApiAuth;
import dev.contractgate.web.ApplicationsApi;
import dev.contractgate.web.AuditApi;
import dev.contractgate.web.KeysApi;
import dev.contractgate.web.PartiesApi;
import dev.contractgate.web.Readiness;
import dev.contractgate.web.WebServer;
import io.javalin.Javalin;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The composition root: builds every object with plain constructors and starts the service. */
public final class Main {
    private static final Logger log = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(Cli.run(args, System.getenv(), System.out, System.err));
    }

    /**
     * The channels this service can run, one line each: what their ids look like and how each is built from its own
     * configuration block. Adding a channel is a package and a line here.
     */
    public static final List<ChannelModule.Definition> CHANNELS = List.of(
            ChatworkModule.DEFINITION,
            TeamsModule.DEFINITION,
            LineModule.DEFINITION);

    /** The id formats of every channel, for validating input without running the channels (the CLI). */
    public static ChannelIds channelIds() {
        return new ChannelIds(CHANNELS.stream().map(ChannelModule.Definition::ids).toList());
    }

    /** Opens the database, applies migrations, and starts the channels, the workers and the HTTP server. */
    public static Service start(ConfigLoader.Loaded loaded, Clock clock) {
        AppConfig config = loaded.config();
        Secrets secrets = loaded.secrets();
        Service service = new Service();
        BuildInfo build = BuildInfo.current();
        log.info("contractgate {}", build.describe());
        try {
            ObjectMapper json = Json.create();
            // The metrics registry loads a few hundred classes: build it while the database opens and migrates.
            CompletableFuture<PrometheusMetrics> meters = CompletableFuture.supplyAsync(PrometheusMetrics::new);
            // Building the analyser's indexes is a third of start-up's work: on its own thread, beside the database
            // and the web server, instead of before them.
            CompletableFuture<Analyzer> analyzerLoad = CompletableFuture.supplyAsync(
                    () -> loadAnalyzer(config.analysis(), loaded.baseDir()), Main::startThread);
            service.own(() -> meters.thenAccept(PrometheusMetrics::close));
            Database database = service.own(openDatabase(config, secrets));
            PrometheusMetrics prometheus = meters.join();
            Metrics metrics = prometheus.metrics();

            OkHttpClient http = new OkHttpClient.Builder().build();
            service.own(() -> {
                http.dispatcher().executorService().shutdown();
                http.connectionPool().evictAll();
            });
            InboxAppendWorker inboxAppend = new InboxAppendWorker(database.jdbi(), clock);
            RoomActivityDao activity = database.jdbi().onDemand(RoomActivityDao.class);
            ChannelModule.Context context = new ChannelModule.Context(json, http, inboxAppend,
                    (channel, roomId) -> activity.find(channel, roomId).map(RoomActivityDao.Activity::lastMessageAt), clock,
                    metrics, database.jdbi());
            List<ChannelModule> modules = new ArrayList<>();
            for (ChannelModule.Definition definition : CHANNELS) {
                modules.add(definition.factory().create(context, config, secrets));
            }
            Channels channels = new Channels(modules.stream().map(ChannelModule::channel).toList());
            ChannelIds ids = new ChannelIds(channels.all().stream().map(Channel::ids).toList());

            Registry registry = new Registry(database.jdbi(), ids, clock);
            RegistryCoverage registryCoverage = new RegistryCoverage(registry);
            RoomDirectory rooms = new RoomDirectory(database.jdbi(), registryCoverage, config.rooms().membersTtl(), clock);
            RoomInspector inspector = new RoomInspector(channels, rooms, registryCoverage, database.jdbi(), clock);
            OutboxWorker outboxWorker = new OutboxWorker(database.jdbi(), channels, config.outbox(), clock, metrics);
            Outbox outbox = new Outbox(channels, outboxWorker::wake);
            Ledger ledger = new Ledger(database.jdbi(), Ledger.loadAcceptance(loaded.baseDir()));
            Analyzer analyzer = joined(analyzerLoad);
            Messages messages = loadMessages(loaded.baseDir(), config.language(), config.zone());
            PageLinks links = new PageLinks(database.jdbi(), config.pages().publicUrl(), config.pages().linkTtl(), clock);
            CommandHandler commands = new CommandHandler(CommandWords.load(loaded.baseDir()), registry, rooms, inspector,
                    ledger, messages, clock, new LinkCommand(links, channels, database.jdbi(), messages));
            BotEventHandler handler = new BotEventHandler(channels, rooms,
                    new AnalysisObserver(analyzer, new SplitDetailTracker(analyzer, config.analysis().splitWindow(),
                            config.analysis().splitMaxMessages()), config.zone()),
                    inspector, new Gate(config.gate().cooldowns()), new ReplyComposer(messages), commands,
                    outbox, ledger, ledger::retract, database.jdbi(), clock);
            ReminderWorker reminders = new ReminderWorker(database.jdbi(), channels, rooms, inspector, outbox, messages,
                    config.reminders(), clock);
            ChatEventDispatcher dispatcher = new ChatEventDispatcher(channels, handler, database.jdbi());
            InboxWorker inboxWorker = new InboxWorker(database.jdbi(), dispatcher, dispatcher::readyChannels, config.inbox(),
                    config.chatwork().catchUpMaxAge(), clock, metrics);
            inboxAppend.afterCommit(inboxWorker::wake);

            ApiKeys apiKeys = new ApiKeys(database.jdbi(), ids, clock);
            if (secrets.operatorKey() == null) {
                log.info("CONTRACTGATE_OPERATOR_KEY is not set: only stored operator keys (keys create) reach the operator API");
            }
            ApiAuth apiAuth = new ApiAuth(apiKeys, secrets.operatorKey());
            queueGauges(metrics, database, channels.all(), clock);
            Javalin server = WebServer.create(json, config.server(), new WebServer.Handlers(
                    new Readiness(database::ping, channels), modules.stream().map(ChannelModule::webhook).toList(),
                    apiAuth, new PartiesApi(json, registry),
                    new ApplicationsApi(json, registry, clock), new AuditApi(registry), new KeysApi(json, apiKeys, clock),
                    new OutboxApi(database.jdbi(), new DeadLetters(database.jdbi(), clock, outboxWorker::wake)),
                    new RoomsApi(inspector, ids), new InboxApi(database.jdbi()), new LedgerApi(inspector, ledger),
                    new ImportApi(new ApplicationLines(json),
                            new ApplicationImporter(database.jdbi(), ids, clock, ApplicationNotices.NONE)),
                    new MetricsApi(prometheus::scrape, metrics, apiAuth, config.metrics().requireKey()),
                    new ApiDocs(json, build.version()), build,
                    pages(config, loaded.baseDir(), database, clock, links, registry, inspector, ledger,
                            new RoomSummary(channels, rooms, ledger, messages, clock), apiAuth, apiKeys,
                            new DeadLetters(database.jdbi(), clock, outboxWorker::wake), json, ids)));

            service.own(outboxWorker).start();
            service.own(inboxWorker).start();
            service.own(reminders).start();
            service.own(inboxAppend).start();
            // Closed before the inbox they deliver to.
            modules.forEach(module -> service.own(module).start());
            server.start();
            service.http(server);
            log.info("listening on port {}", server.port());
            return service;
        } catch (RuntimeException e) {
            service.close();
            throw e;
        }
    }

    /** The web pages: the home page, the single-use link pages and the operator console. */
    private static Pages pages(AppConfig config, java.nio.file.Path baseDir, Database database, Clock clock,
                               PageLinks links, Registry registry, RoomInspector inspector, Ledger ledger,
                               RoomSummary summaries, ApiAuth apiAuth, ApiKeys apiKeys, DeadLetters deadLetters,
                               ObjectMapper json, ChannelIds ids) {
        PageRenderer renderer = new PageRenderer(PageText.load(baseDir, config.language()), config.zone());
        Browser browser = new Browser(config.pages().behindTls());
        ConsoleSessions sessions = new ConsoleSessions(database.jdbi(), config.pages().consoleSessionTtl(), clock);
        ConsoleAuth auth = new ConsoleAuth(sessions, apiAuth, renderer, browser,
                new AttemptLimiter(10, java.time.Duration.ofMinutes(1), clock), config.pages().behindTls());
        ConsolePages console = new ConsolePages(auth, new ConsolePages.Services(registry, inspector, deadLetters,
                database.jdbi(), apiKeys, sessions, new ApplicationLines(json),
                new ApplicationImporter(database.jdbi(), ids, clock, ApplicationNotices.NONE)), renderer, config.zone(), clock);
        LinkPages linkPages = new LinkPages(links, registry, inspector, ledger, summaries, renderer, browser,
                new AttemptLimiter(60, java.time.Duration.ofMinutes(1), clock), config.zone(), clock);
        return new Pages(renderer, linkPages, auth, console);
    }

    /** The depths of the inbox and the outbox, and each channel's remaining budget, read when scraped. */
    private static void queueGauges(Metrics metrics, Database database, List<Channel> channels, Clock clock) {
        InboxDao inbox = database.jdbi().onDemand(InboxDao.class);
        List<String> inboxStatuses = List.of(InboxEvent.PENDING, InboxEvent.FAILED);
        QueueGauges.register(metrics, "inbox", "events", inboxStatuses,
                () -> new QueueGauges.Depths(inbox.countByStatus(inboxStatuses), inbox.oldestPending()), clock);
        OutboxDao outbox = database.jdbi().onDemand(OutboxDao.class);
        List<String> outboxStatuses = List.of(OutboxEntry.PENDING, OutboxEntry.SENDING, OutboxEntry.HELD,
                OutboxEntry.DEAD, OutboxEntry.DEFERRED);
        QueueGauges.register(metrics, "outbox", "entries", outboxStatuses,
                () -> new QueueGauges.Depths(outbox.countByStatus(outboxStatuses), outbox.oldestPending()), clock);
        for (Channel channel : channels) {
            metrics.channelBudget(channel.name(), () -> channel.outbound().budget());
        }
    }

    /** The lexicons, or a configuration error naming the file and entry that cannot be used. */
    private static void startThread(Runnable work) {
        Thread thread = new Thread(work, "start-up");
        thread.setDaemon(true);
        thread.start();
    }

    /** The result of work done beside start-up; its failure as it was thrown (a configuration error stays one). */
    private static <T> T joined(CompletableFuture<T> work) {
        try {
            return work.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    public static Analyzer loadAnalyzer(AnalysisConfig config, java.nio.file.Path baseDir) {
        try {
            return Analyzer.load(config.lexiconPath(baseDir));
        } catch (LexiconException e) {
            throw new ConfigException(e.problems());
        }
    }

    /** The bot's messages in the configured language, with every template the gate and the commands use. */
    public static Messages loadMessages(java.nio.file.Path baseDir, String language, java.time.ZoneId zone) {
        java.util.Set<String> templates = new java.util.HashSet<>(ReplyComposer.GATE_TEMPLATES);
        templates.addAll(CommandHandler.TEMPLATES);
        templates.addAll(dev.contractgate.command.LinkCommand.TEMPLATES);
        templates.addAll(ReminderWorker.TEMPLATES);
        java.util.Set<String> placeholders = new java.util.HashSet<>(ReplyComposer.GATE_PLACEHOLDERS);
        placeholders.addAll(CommandHandler.PLACEHOLDERS);
        placeholders.addAll(dev.contractgate.command.LinkCommand.PLACEHOLDERS);
        placeholders.addAll(ReminderWorker.PLACEHOLDERS);
        return Messages.load(baseDir, language, zone, templates, placeholders, CommandHandler.WORDS);
    }

    /** Opens the database and applies pending migrations. */
    public static Database openDatabase(AppConfig config, Secrets secrets) {
        Database database = Database.open(config.database().url(), config.database().user(),
                secrets.databasePassword(), config.database().poolSize());
        try {
            int applied = database.migrate();
            log.info("database {}: {} migration(s) applied", Database.redactUrl(config.database().url()), applied);
            return database;
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }
}
