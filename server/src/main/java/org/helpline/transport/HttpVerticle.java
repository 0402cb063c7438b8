package org.helpline.transport;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.io.IOException;
import java.time.Clock;
import java.util.function.BiConsumer;
import org.helpline.auth.CounsellorLogin;
import org.helpline.config.HelplineConfig;
import org.helpline.config.HotlineDirectory;
import org.helpline.config.Limits;
import org.helpline.metrics.EscalationMeters;
import org.helpline.store.ClientStore;
import org.helpline.store.LoginThrottle;
import org.helpline.store.RedisHealth;
import org.helpline.store.SessionStore;
import org.helpline.store.StatisticsStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP face of a node: pages, health, metrics, counsellor login and revocation, supervisors' blocks and
 * statistics, and the WebSocket endpoints. Several instances share the port (one per event loop). Slow and idle
 * connections are closed by {@link ConnectionDeadlines}; a client's connections beyond its share, counted by
 * {@link ClientConnections}, are turned away by {@link ConnectionShares}.
 */
public final class HttpVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(HttpVerticle.class);
    private final HelplineConfig config;
    private final PrometheusMeterRegistry registry;
    private final RedisHealth redis;
    private final CounsellorSessionRoutes sessions;
    private final DirectoryReload directoryReload;
    private final BlockRoutes blocks;
    private final StatisticsRoutes statistics;
    private final VisitorEndpoint visitors;
    private final ConsoleEndpoint consoles;
    private final SupervisorEndpoint supervisors;
    private final ClientConnections clients;
    private HttpServer server;
    private ConnectionDeadlines deadlines;
    private ConnectionShares shares;

    public HttpVerticle(HelplineConfig config, PrometheusMeterRegistry registry, RedisHealth redis, StaffAccess staff,
                        VisitorEndpoint visitors, ConsoleEndpoint consoles, SupervisorEndpoint supervisors,
                        ClientConnections clients) {
        this.config = config;
        this.clients = clients;
        this.registry = registry;
        this.redis = redis;
        SupervisorBearer supervisorRequests = new SupervisorBearer(staff.sessions(), config);
        this.sessions = new CounsellorSessionRoutes(staff.login(), staff.clientKeys(), staff.throttle(),
                staff.sessions(), supervisorRequests, config);
        this.directoryReload = new DirectoryReload(supervisorRequests, staff.directory(), staff.meters());
        this.blocks = new BlockRoutes(staff.clients(), supervisorRequests);
        this.statistics = new StatisticsRoutes(staff.statistics(), supervisorRequests, config, staff.clock());
        this.visitors = visitors;
        this.consoles = consoles;
        this.supervisors = supervisors;
    }

    /**
     * What the staff's HTTP routes use: login, the client keys and the throttle, sessions, the directory they may
     * reload, the blocked clients supervisors see and lift, and the anonymous statistics they export (with the clock
     * that says which days are over).
     */
    public record StaffAccess(CounsellorLogin login, ClientKeys clientKeys, LoginThrottle throttle,
                              SessionStore sessions, HotlineDirectory directory, EscalationMeters meters,
                              ClientStore clients, StatisticsStore statistics, Clock clock) {
    }

    @Override
    public Future<?> start() {
        return vertx.fileSystem().readFile(ConnectionShares.BUSY_PAGE).compose(busyPage -> {
            shares = new ConnectionShares(clients, busyPage);
            return listen();
        });
    }

    /** Escalations whose record Redis never took are told in the log as the node stops (the only trace of them). */
    @Override
    public Future<?> stop() {
        consoles.escalations.stopped();
        return Future.succeededFuture();
    }

    private Future<HttpServer> listen() {
        Limits limits = config.limits();
        OriginPolicy origins = new OriginPolicy(config.http());
        deadlines = new ConnectionDeadlines(vertx, config.http());
        Router router = Router.router(vertx);
        router.route().handler(deadlines::requestArrived)
                // a request whose connection closed before it was read whole (the client left, or the deadlines
                // closed it), or while its answer was being sent (a page closed as it loaded: a broken pipe): nobody
                // is left to answer, and it is no error of the server's
                .failureHandler(ctx -> {
                    if (ctx.failure() instanceof IOException && ctx.response().headWritten()) {
                        ctx.request().connection().close();
                    } else if (!(ctx.failure() instanceof HttpClosedException)) {
                        ctx.next();
                    }
                });
        router.route().handler(new SecurityHeaders(config.http().frameAncestors()));
        router.route().handler(shares::handle);
        page(router, "/health").handler(ctx -> json(ctx, 200, new JsonObject().put("status", "up")));
        page(router, "/ready").handler(this::ready);
        page(router, "/metrics").handler(new MetricsAccess(config.metrics()))
                .handler(PrometheusScrapingHandler.create(registry));
        router.post("/api/counsellor/*").handler(BodyHandler.create(false).setBodyLimit(4096));
        router.post("/api/counsellor/login").handler(sessions::login);
        page(router, "/api/visitor/settings").handler(ctx -> json(ctx, 200, new JsonObject()
                .put("quickExitUrl", config.visitor().quickExitUrl())
                .put("holdAfterExitSeconds", config.visitor().holdAfterExit().toSeconds())
                .put("maxFrameBytes", config.limits().maxFrameBytes())
                .put("triage", TriageLabelFrames.visitor(config.triage()))));
        // Quick exit before the page's scripts have run (or if they never do) is this link: off to the neutral site,
        // the browser asked to drop what this origin stored (session storage holds a chat's secret after a reload)
        page(router, "/exit").handler(ctx -> ctx.response().setStatusCode(303)
                .putHeader("Location", config.visitor().quickExitUrl())
                .putHeader("Clear-Site-Data", "\"storage\"").end());
        router.post("/api/counsellor/logout").handler(sessions::logout);
        router.post("/api/visitor/*").handler(BodyHandler.create(false).setBodyLimit(1024));
        router.post("/api/visitor/quick-exit").handler(new QuickExitRoute(visitors.visitors)::handle);
        router.get("/ws/visitor").handler(ctx -> upgrade(ctx, origins,
                (socket, place) -> new VisitorSocket(vertx, socket, place, visitors)));
        router.get("/ws/console").handler(ctx -> upgrade(ctx, origins,
                (socket, place) -> new ConsoleSocket(vertx, socket, place, consoles)));
        router.get("/ws/supervisor").handler(ctx -> upgrade(ctx, origins,
                (socket, place) -> new SupervisorSocket(vertx, socket, place, supervisors)));
        router.post("/api/admin/*").handler(BodyHandler.create(false).setBodyLimit(1024));
        router.post("/api/admin/directory/reload").handler(directoryReload::handle);
        router.post("/api/supervisor/*").handler(BodyHandler.create(false).setBodyLimit(1024));
        router.post("/api/supervisor/counsellors/:counsellor/revoke").handler(sessions::revoke);
        router.get("/api/supervisor/blocks").handler(blocks::list);
        router.post("/api/supervisor/blocks/lift").handler(blocks::lift);
        router.get("/api/supervisor/statistics").handler(statistics::export);
        router.routeWithRegex("/(console|supervisor)").method(HttpMethod.GET).method(HttpMethod.HEAD)
                .handler(ctx -> ctx.redirect(ctx.request().path() + "/"));
        page(router, "/*").handler(StaticHandler.create("webroot").setCachingEnabled(false)
                .setDirectoryListing(false).setIncludeHidden(false));
        router.route().last().handler(ctx -> HttpErrors.send(ctx, 404, "not_found", "No such page."));
        // a client's mistake is answered, not logged as the server's error
        router.errorHandler(413, ctx -> HttpErrors.send(ctx, 413, "too_large", "The request body is too large."));
        router.errorHandler(400, ctx -> HttpErrors.send(ctx, 400, "invalid", "The request is malformed."));

        // permessage-deflate and deflate-frame are refused: Vert.x 5.0 builds Netty's inflater without a bound
        // (maxAllocation 0), so a 64 KB compressed message would be inflated whole before any size check.
        // Without h2c detection a connection is handed over (and watched by the deadlines) as soon as it opens.
        // Strict thread mode: every HTTP answer is written on the connection's event loop (Redis results and blocking
        // work come back on the caller's context), so an HTTP connection needs no queue for writes from other
        // threads; an upgraded one stays for its socket's life, and that queue was 4.7 KB of every socket
        // (docs/performance.md, "Strict thread mode again"). Vert.x refuses a write from another thread.
        HttpServerOptions options = new HttpServerOptions()
                .setPort(config.http().port())
                .setMaxWebSocketFrameSize(limits.hardMessageBytes())
                .setMaxWebSocketMessageSize(limits.hardMessageBytes())
                .setPerMessageWebSocketCompressionSupported(false)
                .setPerFrameWebSocketCompressionSupported(false)
                .setHttp2ClearTextEnabled(false)
                .setCompressionSupported(true)
                .setStrictThreadMode(true);
        return vertx.createHttpServer(options).connectionHandler(this::opened).requestHandler(router).listen()
                .onSuccess(listening -> {
                    server = listening;
                    deadlines.start();
                });
    }

    private void opened(HttpConnection connection) {
        ClientConnections.Verdict verdict = shares.opened(connection);
        deadlines.opened(connection, verdict == ClientConnections.Verdict.WITHIN);
        connection.closeHandler(closed -> {
            deadlines.closed(connection);
            shares.closed(connection);
        });
        if (verdict == ClientConnections.Verdict.SHUT) {
            connection.close();
        }
    }

    /** A route answering GET and HEAD (load balancers check with HEAD; Vert.x sends HEAD answers without a body). */
    private static Route page(Router router, String path) {
        return router.route(path).method(HttpMethod.GET).method(HttpMethod.HEAD);
    }

    /** The port actually bound (useful when configured as 0). */
    public int port() {
        return server.actualPort();
    }

    private void ready(RoutingContext context) {
        redis.ping()
                .onSuccess(pong -> json(context, 200, new JsonObject().put("status", "ready")))
                .onFailure(failure -> json(context, 503, new JsonObject().put("status", "unavailable")
                        .put("reason", "redis unreachable")));
    }

    private void upgrade(RoutingContext context, OriginPolicy origins,
                         BiConsumer<ServerWebSocket, ConnectionShares.Place> accept) {
        if (!origins.permits(context.request())) {
            HttpErrors.send(context, 403, "origin_not_allowed", "This page's origin may not open a chat socket.");
            return;
        }
        if (!context.request().canUpgradeToWebSocket()) {
            HttpErrors.send(context, 400, "websocket_required", "Open this URL as a WebSocket.");
            return;
        }
        // a refused handshake leaves a kept-alive HTTP connection, still watched by the deadlines
        HttpConnection connection = context.request().connection();
        context.request().toWebSocket()
                .onSuccess(socket -> {
                    deadlines.upgraded(connection);
                    try {
                        accept.accept(socket, shares.placeOf(connection));
                    } catch (RuntimeException e) {
                        LOG.error("A WebSocket could not be set up", e);
                        shares.closed(connection);
                        socket.close();
                    }
                })
                .onFailure(failure -> HttpErrors.send(context, 400, "websocket_failed", "Handshake failed."));
    }

    private static void json(RoutingContext context, int status, JsonObject body) {
        context.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }
}
