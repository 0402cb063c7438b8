package org.helpline.transport;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.util.function.BiConsumer;
import org.helpline.auth.CounsellorLogin;
import org.helpline.config.HelplineConfig;
import org.helpline.config.HotlineDirectory;
import org.helpline.config.Limits;
import org.helpline.metrics.EscalationMeters;
import org.helpline.store.ClientStore;
import org.helpline.store.RedisHealth;
import org.helpline.store.SessionStore;

/**
 * The HTTP face of a node: pages, health, metrics, counsellor login, supervisors' blocks and the WebSocket
 * endpoints. Several instances
 * share the port (one per event loop).
 */
public final class HttpVerticle extends VerticleBase {
    private final HelplineConfig config;
    private final PrometheusMeterRegistry registry;
    private final RedisHealth redis;
    private final CounsellorSessionRoutes sessions;
    private final DirectoryReload directoryReload;
    private final BlockRoutes blocks;
    private final VisitorEndpoint visitors;
    private final ConsoleEndpoint consoles;
    private final SupervisorEndpoint supervisors;
    private HttpServer server;

    public HttpVerticle(HelplineConfig config, PrometheusMeterRegistry registry, RedisHealth redis, StaffAccess staff,
                        VisitorEndpoint visitors, ConsoleEndpoint consoles, SupervisorEndpoint supervisors) {
        this.config = config;
        this.registry = registry;
        this.redis = redis;
        this.sessions = new CounsellorSessionRoutes(staff.login(), staff.sessions(), config.sessions().idle());
        SupervisorRequest supervisorRequests = new SupervisorRequest(staff.sessions(), config);
        this.directoryReload = new DirectoryReload(supervisorRequests, staff.directory(), staff.meters());
        this.blocks = new BlockRoutes(staff.clients(), supervisorRequests);
        this.visitors = visitors;
        this.consoles = consoles;
        this.supervisors = supervisors;
    }

    /** What the staff's HTTP routes use: login, sessions, and the directory they may reload. */
    public record StaffAccess(CounsellorLogin login, SessionStore sessions, HotlineDirectory directory,
                              EscalationMeters meters, ClientStore clients) {
    }

    @Override
    public Future<?> start() {
        Limits limits = config.limits();
        OriginPolicy origins = new OriginPolicy(config.http().allowedOrigins());
        Router router = Router.router(vertx);
        router.route().handler(new SecurityHeaders(config.http().frameAncestors()));
        router.get("/health").handler(ctx -> json(ctx, 200, new JsonObject().put("status", "up")));
        router.get("/ready").handler(this::ready);
        router.get("/metrics").handler(PrometheusScrapingHandler.create(registry));
        router.post("/api/counsellor/*").handler(BodyHandler.create().setBodyLimit(4096));
        router.post("/api/counsellor/login").handler(sessions::login);
        router.get("/api/visitor/settings").handler(ctx -> json(ctx, 200, new JsonObject()
                .put("quickExitUrl", config.visitor().quickExitUrl())
                .put("holdAfterExitSeconds", config.visitor().holdAfterExit().toSeconds())
                .put("triage", TriageLabelFrames.visitor(config.triage()))));
        router.post("/api/counsellor/logout").handler(sessions::logout);
        router.get("/ws/visitor").handler(ctx -> upgrade(ctx, origins,
                (context, socket) -> new VisitorSocket(vertx, socket, visitors)));
        router.get("/ws/console").handler(ctx -> upgrade(ctx, origins,
                (context, socket) -> new ConsoleSocket(vertx, socket, consoles)));
        router.get("/ws/supervisor").handler(ctx -> upgrade(ctx, origins,
                (context, socket) -> new SupervisorSocket(vertx, socket, supervisors)));
        router.post("/api/admin/*").handler(BodyHandler.create().setBodyLimit(1024));
        router.post("/api/admin/directory/reload").handler(directoryReload::handle);
        router.get("/api/supervisor/blocks").handler(blocks::list);
        router.post("/api/supervisor/blocks/lift").handler(BodyHandler.create().setBodyLimit(1024))
                .handler(blocks::lift);
        router.getWithRegex("/(console|supervisor)").handler(ctx -> ctx.redirect(ctx.request().path() + "/"));
        router.route(HttpMethod.GET, "/*").handler(StaticHandler.create("webroot").setCachingEnabled(false)
                .setDirectoryListing(false).setIncludeHidden(false));
        router.route().last().handler(ctx -> HttpErrors.send(ctx, 404, "not_found", "No such page."));

        HttpServerOptions options = new HttpServerOptions()
                .setPort(config.http().port())
                .setMaxWebSocketFrameSize(limits.hardMessageBytes())
                .setMaxWebSocketMessageSize(limits.hardMessageBytes())
                .setCompressionSupported(true);
        return vertx.createHttpServer(options).requestHandler(router).listen()
                .onSuccess(listening -> server = listening);
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
                         BiConsumer<RoutingContext, ServerWebSocket> accept) {
        if (!origins.permits(context.request())) {
            HttpErrors.send(context, 403, "origin_not_allowed", "This page's origin may not open a chat socket.");
            return;
        }
        if (!context.request().canUpgradeToWebSocket()) {
            HttpErrors.send(context, 400, "websocket_required", "Open this URL as a WebSocket.");
            return;
        }
        context.request().toWebSocket()
                .onSuccess(socket -> accept.accept(context, socket))
                .onFailure(failure -> HttpErrors.send(context, 400, "websocket_failed", "Handshake failed."));
    }

    private static void json(RoutingContext context, int status, JsonObject body) {
        context.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }
}
