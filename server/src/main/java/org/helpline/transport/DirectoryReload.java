package org.helpline.transport;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.helpline.config.HotlineDirectory;
import org.helpline.metrics.EscalationMeters;

/**
 * {@code POST /api/admin/directory/reload} with a supervisor's bearer token: reads directory.yaml again and swaps it
 * in atomically, or keeps the directory in use and answers 422 with what is wrong in the file. Each node reloads its
 * own copy: call it on every node (or restart them).
 */
final class DirectoryReload {
    private final SupervisorRequest supervisors;
    private final HotlineDirectory directory;
    private final EscalationMeters meters;

    DirectoryReload(SupervisorRequest supervisors, HotlineDirectory directory, EscalationMeters meters) {
        this.supervisors = supervisors;
        this.directory = directory;
        this.meters = meters;
    }

    void handle(RoutingContext context) {
        supervisors.supervisor(context, "Only supervisors may reload the directory.")
                .compose(who -> {
                    if (who.isEmpty()) {
                        return Future.succeededFuture();
                    }
                    return directory.reload(context.vertx())
                            .onSuccess(loaded -> {
                                meters.reloaded("ok");
                                context.response().putHeader("Content-Type", "application/json")
                                        .end(new JsonObject().put("status", "reloaded")
                                                .put("hotlines", loaded.hotlines().size()).encode());
                            })
                            .recover(failure -> {
                                meters.reloaded("rejected");
                                HttpErrors.send(context, 422, "directory_invalid",
                                        "The directory in use is unchanged. " + failure.getMessage());
                                return Future.succeededFuture();
                            })
                            .mapEmpty();
                })
                .onFailure(failure -> HttpErrors.fail(context, failure));
    }
}
