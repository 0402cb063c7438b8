package org.helpline.transport;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;

/**
 * This node's lease ran out while it ran: Redis was out of its reach for a whole lease ({@code
 * presence.consoleLeaseSeconds}), and another node may have taken it for gone and ended the monitorings its supervisor
 * sockets held ({@link GoneNodeMonitorings}), telling their counsellors so, while those sockets, still open, went on
 * showing the chats. Each supervisor socket that monitors a chat is then told ({@code node_cut_off}) and closed
 * ({@link #CLOSE_CODE}): its page reconnects and asks again, and the store decides (a monitoring ended meanwhile
 * starts again, told to the counsellor; one still open changes hands to the new socket, and an end from the old
 * socket recorded after that changes nothing). Told through the node's local event bus: its sockets live on several
 * event loops.
 */
public final class LapsedLease {
    /** The close code of a supervisor socket whose monitorings may have been ended by another node: reconnect. */
    static final short CLOSE_CODE = 4004;
    private static final String ADDRESS = "helpline.node.lease-lapsed";

    private LapsedLease() {
    }

    /** Tells every supervisor socket of this node that its lease ran out while it ran. */
    public static void tell(Vertx vertx) {
        vertx.eventBus().publish(ADDRESS, null);
    }

    /** Runs {@code lapsed}, on the caller's context, each time this node finds its lease ran out while it ran. */
    static MessageConsumer<Object> follow(Vertx vertx, Runnable lapsed) {
        return vertx.eventBus().localConsumer(ADDRESS, message -> lapsed.run());
    }
}
