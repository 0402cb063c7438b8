package org.helpline.node;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.micrometer.MicrometerMetricsFactory;
import java.time.Clock;
import org.helpline.auth.CounsellorLogin;
import org.helpline.auth.Secrets;
import org.helpline.config.DataKeys;
import org.helpline.config.HelplineConfig;
import org.helpline.config.HotlineDirectory;
import org.helpline.domain.Counsellor;
import org.helpline.domain.Dashboard;
import org.helpline.domain.OverflowPolicy;
import org.helpline.domain.ServiceCalendar;
import org.helpline.domain.StepRouting;
import org.helpline.metrics.EscalationMeters;
import org.helpline.metrics.HelplineGauges;
import org.helpline.metrics.MeterRegistries;
import org.helpline.metrics.OutcomeMeters;
import org.helpline.metrics.RoutingMeters;
import org.helpline.store.CaseRecordStore;
import org.helpline.store.ChatStartStore;
import org.helpline.store.ClientKeyStore;
import org.helpline.store.ClientStore;
import org.helpline.store.ConversationStore;
import org.helpline.store.CounsellorStore;
import org.helpline.store.DashboardStore;
import org.helpline.store.DeadlineStore;
import org.helpline.store.DiskPurgeStore;
import org.helpline.store.EscalationStore;
import org.helpline.store.EventChannels;
import org.helpline.store.LoginThrottle;
import org.helpline.store.QueueMirror;
import org.helpline.store.QueueStore;
import org.helpline.store.RedisBridge;
import org.helpline.store.RedisConnections;
import org.helpline.store.RedisHealth;
import org.helpline.store.RedisLanes;
import org.helpline.store.Scripts;
import org.helpline.store.SessionStore;
import org.helpline.store.StatisticsCounters;
import org.helpline.store.StatisticsStore;
import org.helpline.store.SupervisionStore;
import org.helpline.store.TranscriptCipher;
import org.helpline.store.VisitorStore;
import org.helpline.transport.ClientConnections;
import org.helpline.transport.ClientKeys;
import org.helpline.transport.ConsoleEndpoint;
import org.helpline.transport.DashboardFeed;
import org.helpline.transport.EscalationWebhook;
import org.helpline.transport.GoneNodeMonitorings;
import org.helpline.transport.HttpVerticle;
import org.helpline.transport.QueueUpdates;
import org.helpline.transport.SupervisorEndpoint;
import org.helpline.transport.VisitorEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One server node: its Vert.x instance (with Micrometer metrics), its Redis connections, its stores, and the deployed
 * verticles (HTTP on every event loop, one queue dispatcher). Used by {@code Main} and by tests that need several
 * nodes on one Redis. {@link #start} connects to Redis synchronously: call it from a main or test thread.
 */
public final class HelplineNode {
    private static final Logger LOG = LoggerFactory.getLogger(HelplineNode.class);
    /** Password checks that run at once on a node, each on a worker thread of its own. */
    private static final int PASSWORD_WORKERS = 2;
    private final Vertx vertx;
    private final RedisConnections redis;
    private final WorkerExecutor passwordWorkers;
    private final int httpPort;

    private HelplineNode(Vertx vertx, RedisConnections redis, WorkerExecutor passwordWorkers, int httpPort) {
        this.vertx = vertx;
        this.redis = redis;
        this.passwordWorkers = passwordWorkers;
        this.httpPort = httpPort;
    }

    /** Starts a node; it serves the hotline directory parsed with {@code config} until a reload replaces it. */
    public static Future<HelplineNode> start(HelplineConfig config, String redisUrl) {
        return start(config, redisUrl, Clock.systemUTC());
    }

    /** Starts a node that reads the time from {@code clock} (tests that cross midnight, for instance). */
    public static Future<HelplineNode> start(HelplineConfig config, String redisUrl, Clock clock) {
        HotlineDirectory directory = new HotlineDirectory(config.directory(), config.directoryAtStart(),
                config.triage());
        PrometheusMeterRegistry registry = MeterRegistries.prometheus();
        // Netty's epoll transport where there is one (less garbage than the JDK's selector), and the browsers' sockets
        // on http.eventLoops threads (docs/performance.md, "The node on one thread")
        Vertx vertx = Vertx.builder().with(MeterRegistries.vertxOptions().setPreferNativeTransport(true)
                        .setEventLoopPoolSize(config.http().eventLoops()))
                .withMetrics(new MicrometerMetricsFactory(registry)).build();
        if (!vertx.isNativeTransportEnabled()) {
            LOG.info("Sockets on Java NIO: Netty's epoll transport is not available here ({})",
                    String.valueOf(vertx.unavailableNativeTransportCause()));
        }
        RedisConnections redis;
        try {
            redis = RedisConnections.open(redisUrl, config.redis());
        } catch (RuntimeException e) {
            vertx.close();
            return Future.failedFuture(e);
        }
        RedisBridge bridge = new RedisBridge(vertx, registry);
        RedisLanes lanes = redis.lanes();
        var commands = lanes.shared();
        Scripts scripts = new Scripts(lanes, bridge);
        EventChannels events = new EventChannels(vertx, redis.pubSub(), bridge);
        redis.onPubSubReconnect(events::catchUpAll);
        SessionStore sessions = new SessionStore(scripts, clock, config.sessions(), config::counsellor);
        if (!config.http().localHttpFrameAncestors().isEmpty()) {
            LOG.warn("server.yaml http.frameAncestors lets plain-http local pages frame the visitor page ({}): for "
                    + "trying the widget on one's own machine only; list partners' https:// origins in production",
                    String.join(", ", config.http().localHttpFrameAncestors()));
        }
        TranscriptCipher cipher = new TranscriptCipher(config.retention().dataKeys());
        if (!cipher.encrypts()) {
            LOG.warn("No data key ({} or {}): transcripts are stored in clear in Redis (see docs/privacy.md)",
                    DataKeys.ENV_KEY, DataKeys.ENV_KEY_FILE);
        }
        ServiceCalendar calendar = config.statistics().calendar();
        StatisticsCounters statisticsCounters = new StatisticsCounters(config.dashboard().serviceLevel(),
                config.statistics().kept(), calendar);
        ConversationStore conversations = new ConversationStore(lanes, bridge, scripts, clock,
                config.retention().endedConversation(), config.console().wrapUp(), config.limits(),
                cipher, statisticsCounters);
        CounsellorStore counsellors = new CounsellorStore(commands, bridge, scripts, clock, config::counsellor);
        QueueStore queue = new QueueStore(commands, bridge, scripts, clock, config.routing(), cipher);
        EscalationStore escalations = new EscalationStore(commands, bridge, scripts);
        ClientStore clients = new ClientStore(commands, bridge, scripts, clock,
                config.routing().priority().dangerHeadStart());
        String nodeId = Secrets.random(9);
        SupervisionStore supervision = new SupervisionStore(scripts, cipher, nodeId);
        WorkerExecutor passwordWorkers = vertx.createSharedWorkerExecutor("password-check", PASSWORD_WORKERS);
        StepRouting routing = new StepRouting(config.routing().steps(), config.associationsById());
        RoutingMeters routingMeters = new RoutingMeters(registry, config.dashboard().serviceLevel());
        EscalationMeters escalationMeters = new EscalationMeters(registry);
        DeadlineStore deadlines = new DeadlineStore(commands, bridge, scripts);
        QueueDispatcher dispatcher = new QueueDispatcher(queue, counsellors, deadlines, events, config, routing,
                new HelplineGauges(registry), routingMeters, clock);
        QueueUpdates queueUpdates = new QueueUpdates(queue, new QueueMirror(commands, bridge, events),
                dispatcher::reachable, counsellors::online, routing, new OverflowPolicy(routing, config.counsellors()),
                directory, conversations, clock);
        DashboardFeed dashboard = new DashboardFeed(
                new Dashboard(routing, config.associations(), config.counsellors()),
                new DashboardStore(scripts, calendar), dispatcher::queueView, config.dashboard(), calendar,
                config.counsellors().stream().map(Counsellor::id).toList(), clock);
        EscalationWebhook webhook = new EscalationWebhook(vertx, config.escalation(), clock);
        ClientKeyStore clientKeySecrets = new ClientKeyStore(commands, bridge, clock);
        ClientKeys clientKeys = new ClientKeys(config.http().trustedProxies(), clientKeySecrets, clients);
        VisitorEndpoint.Clients visitorClients = new VisitorEndpoint.Clients(clientKeys, clients);
        VisitorStore visitorStore = new VisitorStore(scripts, clock, config.visitor().holdAfterExit(), config.limits(),
                nodeId);
        VisitorEndpoint visitors = new VisitorEndpoint(config,
                new ChatStartStore(scripts, clock, config.routing(), cipher), conversations,
                visitorStore, events,
                queueUpdates, directory, escalationMeters, visitorClients, clock);
        ConsoleEndpoint consoles = new ConsoleEndpoint(vertx, config,
                new ConsoleEndpoint.Stores(sessions, counsellors, conversations, queue,
                        new CaseRecordStore(commands, bridge, scripts, clock, cipher, statisticsCounters), escalations,
                        clients, supervision),
                events, queueUpdates, routing, new ConsoleEndpoint.Meters(routingMeters, escalationMeters,
                        new OutcomeMeters(registry, config.console().outcomeTags().ids())),
                directory, webhook, clock);
        SupervisorEndpoint supervisors = new SupervisorEndpoint(vertx, config, sessions, events, escalations, dashboard,
                new SupervisorEndpoint.Chats(conversations, queue, supervision), clock);
        HttpVerticle.StaffAccess staff = new HttpVerticle.StaffAccess(
                new CounsellorLogin(config, vertx, passwordWorkers, PASSWORD_WORKERS), clientKeys,
                new LoginThrottle(scripts, config.login()), sessions, directory, escalationMeters, clients,
                new StatisticsStore(commands, bridge), clock);
        RedisHealth health = new RedisHealth(commands, bridge);
        ClientConnections connections = new ClientConnections(config.http(), registry);
        HttpVerticle[] first = new HttpVerticle[1];
        return scripts.loadAll()
                .compose(loaded -> clientKeySecrets.follow(events))
                .compose(following -> vertx.deployVerticle(queueUpdates))
                .compose(deployed -> vertx.deployVerticle(dashboard))
                .compose(deployed -> vertx.deployVerticle(() -> {
                    HttpVerticle verticle = new HttpVerticle(config, registry, health, staff, visitors, consoles,
                            supervisors, connections);
                    if (first[0] == null) {
                        first[0] = verticle;
                    }
                    return verticle;
                }, new DeploymentOptions().setInstances(config.http().eventLoops())))
                .compose(deployed -> vertx.deployVerticle(dispatcher))
                .compose(deployed -> vertx.deployVerticle(new DeadlineWorker(deadlines, counsellors, conversations,
                        queue, clients, escalations, visitorStore,
                        new GoneNodeMonitorings(supervision, config::counsellor, clock), config, routingMeters,
                        escalationMeters)))
                .compose(deployed -> vertx.deployVerticle(new DiskPurge(new DiskPurgeStore(commands, bridge, scripts),
                        config.retention().diskPurge(),
                        config.redis().embedded() || config.retention().rewriteAppendOnlyFile())))
                .map(deployed -> new HelplineNode(vertx, redis, passwordWorkers, first[0].port()))
                .recover(failure -> vertx.close()
                        .eventually(() -> Future.fromCompletionStage(redis.closeAsync()))
                        .transform(closed -> Future.failedFuture(failure)));
    }

    public int httpPort() {
        return httpPort;
    }

    public Vertx vertx() {
        return vertx;
    }

    /**
     * Stops as if the process had died, for fault tests: the Redis connections go first, so nothing this node would
     * do on the way out (closing consoles cleanly) reaches Redis; other nodes must find out by themselves.
     */
    public Future<Void> halt() {
        passwordWorkers.close();
        return Future.fromCompletionStage(redis.dropConnections())
                .eventually(vertx::close)
                .eventually(() -> Future.fromCompletionStage(redis.closeAsync()));
    }

    /**
     * Stops the verticles and closes Vert.x, then the Redis connections: sockets closing on the way out still record
     * their visitors' departures in Redis.
     */
    public Future<Void> close() {
        passwordWorkers.close();
        return vertx.close().eventually(() -> Future.fromCompletionStage(redis.closeAsync()));
    }
}
