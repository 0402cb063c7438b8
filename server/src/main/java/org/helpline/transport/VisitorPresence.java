package org.helpline.transport;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.helpline.store.AwayReason;
import org.helpline.store.FailureLog;
import org.helpline.store.VisitorAttachment;
import org.helpline.store.VisitorStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One visitor socket's hold on the visitor's presence. The socket that attached last holds it; when that socket
 * leaves (quick exit, closed, silent too long) the visitor is away and the conversation is held for them a while.
 * Each change waits for the one before, so Redis sees them in order.
 */
final class VisitorPresence {
    private static final Logger LOG = LoggerFactory.getLogger(VisitorPresence.class);

    private final Vertx vertx;
    private final VisitorStore visitors;
    private final String socketId;
    /** The last presence change this socket asked for. */
    private Future<Void> change;
    private boolean present;
    /** Away declared, erased or replaced: closing changes nothing more. */
    private boolean leaving;

    VisitorPresence(Vertx vertx, VisitorStore visitors, String socketId) {
        this.vertx = vertx;
        this.visitors = visitors;
        this.socketId = socketId;
    }

    /**
     * This socket holds the presence now; with {@code replaceOthers} the visitor's other sockets are closed. Fails
     * when Redis did not record it: a resume is then answered {@code unavailable} and the page tries again, rather
     * than being told it resumed while her chat stays away, out of the queue, until its hold ends it.
     */
    Future<Void> take(String conversation, boolean replaceOthers) {
        present = true;
        change = visitors.attach(conversation, socketId, replaceOthers).<Void>mapEmpty()
                .onFailure(failure -> present = false);
        return change;
    }

    /**
     * A start's first attach. Unlike {@link #take} it must be recorded, as it cancels the conversation's start deadline
     * (a chat whose visitor never attached is erased): when Redis does not record it, or the chat is gone already, the
     * start fails ({@code unavailable}) and is erased, and the page starts again.
     */
    Future<Void> takeFirst(String conversation) {
        present = true;
        change = visitors.attach(conversation, socketId, false).map(attached -> {
            if (attached == VisitorAttachment.Plain.CONVERSATION_ENDED) {
                throw new ProtocolException(ProtocolError.UNAVAILABLE);
            }
            return (Void) null;
        }).onFailure(failure -> present = false);
        return change;
    }

    /** A frame from a socket that lost the presence (another tab was used since) takes it back. */
    void takeBackIfLost(String conversation) {
        if (!present && !leaving) {
            take(conversation, false).onFailure(failure ->
                    FailureLog.log(LOG, "Recording a visitor's presence", failure)); // her next frame tries again
        }
    }

    /**
     * Told that the visitor is away while this socket holds the presence and is not leaving. Either she left with
     * Quick exit, told over HTTP ({@code quick_exit_by_secret.lua}: this socket is her page's, dropped without this
     * node knowing yet, or another tab of hers): this socket leaves too, without a word to the counsellor, and
     * {@code close} closes it. Or its node's lease ran out (node_gone.lua: the node was cut off from Redis, not gone)
     * and she was set away under it: it takes the presence back at once, so that her chat is not held and then ended
     * while she is here. (A departure is published only for the socket holding the presence, so for no other socket
     * of hers.)
     */
    void toldAway(JsonObject event, String conversation, Runnable close) {
        if (!present || leaving || !Boolean.FALSE.equals(event.getBoolean("present"))) {
            return;
        }
        present = false;
        if (AwayReason.QUICK_EXIT.wireName().equals(event.getString("reason"))) {
            // she is away already: this takes the socket off her lists, not her secret (a code may have given another);
            // had this socket attached again meanwhile (a resume in flight), she is away all the same, connection_lost
            leave(conversation, AwayReason.CONNECTION_LOST);
            close.run();
            return;
        }
        takeBackIfLost(conversation);
    }

    /** Another socket attached: it holds the presence now. */
    void lost() {
        present = false;
    }

    /** Nothing this socket does later changes the presence (ended, erased, replaced). */
    void stop() {
        leaving = true;
    }

    /**
     * This socket leaves: if it held the presence, the visitor is away and the hold starts. Never fails: a departure
     * Redis did not record is tried again ({@link RedisRetries}) until it is (a chat left present would stay in the
     * queue, or with its counsellor, for a visitor who is gone, and never end); one that no longer holds the presence
     * by then (she came back on another socket) changes nothing. Completes once the first try has ended.
     */
    Future<Void> leave(String conversation, AwayReason reason) {
        if (change == null || leaving) {
            return Future.succeededFuture();
        }
        leaving = true;
        Promise<Void> tried = Promise.promise();
        change.onComplete(previous -> RedisRetries.retrying(vertx, LOG, "Recording a visitor's departure",
                () -> visitors.away(conversation, socketId, reason).onComplete(first -> tried.tryComplete()),
                () -> true));
        return tried.future();
    }
}
