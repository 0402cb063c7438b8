package org.helpline.transport;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.helpline.domain.ClientKey;
import org.helpline.store.ClientBlock;
import org.helpline.store.ClientStore;

/**
 * Supervisors' HTTP routes for blocks, with their session's bearer token: {@code GET /api/supervisor/blocks} lists
 * the blocks in force, {@code POST /api/supervisor/blocks/lift} with {@code {"client": key}} lifts one.
 */
final class BlockRoutes {
    private final ClientStore clients;
    private final SupervisorBearer supervisors;

    BlockRoutes(ClientStore clients, SupervisorBearer supervisors) {
        this.clients = clients;
        this.supervisors = supervisors;
    }

    /** {@code GET /api/supervisor/blocks}: the blocks in force, newest first. */
    void list(RoutingContext context) {
        supervisors.authenticate(context, "Only supervisors may see blocks.")
                .compose(who -> who.isEmpty() ? Future.succeededFuture() : clients.blocks().map(blocks -> {
                    json(context, new JsonObject().put("blocks", blocks.stream().map(ClientBlock::toJson).toList()));
                    return null;
                }))
                .onFailure(failure -> HttpErrors.fail(context, failure));
    }

    /** {@code POST /api/supervisor/blocks/lift} with {@code {"client": key}}: the client may start chats again. */
    void lift(RoutingContext context) {
        supervisors.authenticate(context, "Only supervisors may lift blocks.")
                .compose(who -> {
                    if (who.isEmpty()) {
                        return Future.succeededFuture();
                    }
                    Object client = JsonBody.of(context).map(body -> body.getValue("client")).orElse(null);
                    if (!(client instanceof String text) || !ClientKey.isKey(text)) {
                        HttpErrors.send(context, 400, "invalid", "Give the client of a block, as listed.");
                        return Future.succeededFuture();
                    }
                    return clients.lift(text).map(lifted -> {
                        json(context, new JsonObject().put("lifted", lifted));
                        return null;
                    });
                })
                .onFailure(failure -> HttpErrors.fail(context, failure));
    }

    private static void json(RoutingContext context, JsonObject body) {
        context.response().putHeader("Content-Type", "application/json").end(body.encode());
    }
}
