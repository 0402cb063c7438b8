package org.helpline.transport;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.function.Predicate;
import org.helpline.domain.Counsellor;
import org.helpline.domain.Side;
import org.helpline.metrics.EscalationMeters;
import org.helpline.store.AppendResult;
import org.helpline.store.ConversationRecord;
import org.helpline.store.ConversationStore;
import org.helpline.store.EndOutcome;

/**
 * What both sides of a chat do in it: send a message (acknowledged once Redis holds it), say they are typing, end
 * it, and, for the visitor, erase it. Shared by every visitor and console socket of a node.
 */
final class ChatFrames {
    private final ConversationStore conversations;
    private final int maxTextChars;
    private final EscalationMeters endings;

    ChatFrames(ConversationStore conversations, int maxTextChars, EscalationMeters endings) {
        this.conversations = conversations;
        this.maxTextChars = maxTextChars;
        this.endings = endings;
    }

    /** A message as a {@code send} frame gives it: its client id and text, checked. */
    record Message(String clientId, String text) {
    }

    /** Reads a {@code send} frame's message (an {@code invalid} or {@code text_too_long} error when it is wrong). */
    Message message(JsonObject frame) {
        return new Message(Fields.clientId(frame), Fields.text(frame, maxTextChars));
    }

    /** Stores the message once and answers with its {@code ack}. */
    Future<JsonObject> send(String conversation, Side from, String counsellorId, Message message) {
        return conversations.append(conversation, from, counsellorId, message.clientId(), message.text())
                .map(result -> acknowledgement(conversation, from, message.clientId(), result));
    }

    /**
     * A counsellor's {@code send}: stored once in a chat her console shows ({@code shown}). About a chat it does not
     * show (ended, transferred, back in the queue, or not yet assigned on this socket) nothing is stored: a client id
     * stored before is answered with the {@code ack} it had, {@code duplicate}, so that a reply whose ack a dropped
     * connection lost is known to be sent; any other gets {@code not_assigned}.
     */
    Future<JsonObject> fromCounsellor(Counsellor who, String conversation, Predicate<String> shown,
                                      Message message) {
        if (shown.test(conversation)) {
            return send(conversation, Side.COUNSELLOR, who.id(), message);
        }
        return conversations.storedSeq(conversation, Side.COUNSELLOR, message.clientId())
                .map(seq -> acknowledgement(conversation, Side.COUNSELLOR, message.clientId(), new AppendResult.Stored(
                        seq.orElseThrow(() -> new ProtocolException(ProtocolError.NOT_ASSIGNED)), true)));
    }

    Future<Void> typing(String conversation, Side from) {
        return conversations.typing(conversation, from);
    }

    /** The counsellor holding the conversation ends it. */
    Future<Void> endByCounsellor(Counsellor who, String conversation) {
        return conversations.end(conversation, Side.COUNSELLOR, Optional.of(who.id())).map(outcome -> {
            if (outcome == EndOutcome.NotEnded.STALE_HOLDER || outcome == EndOutcome.NotEnded.MISSING) {
                throw new ProtocolException(ProtocolError.NOT_ASSIGNED);
            }
            counted(outcome);
            return null;
        });
    }

    /**
     * The visitor ends the conversation, whoever holds it: empty when this ended it (its {@code ended} frame comes on
     * the conversation's channel), else the {@code ended} frame to answer with, by whoever ended it before (as
     * {@code resumed.endedBy}; {@code visitor} when that is no longer stored). {@code believedUnheld}: the visitor's
     * socket has seen no counsellor take it (see {@link ConversationStore#endByVisitor}).
     */
    Future<Optional<JsonObject>> endByVisitor(String conversation, boolean believedUnheld) {
        return conversations.endByVisitor(conversation, believedUnheld).compose(outcome -> counted(outcome)
                ? Future.succeededFuture(Optional.<JsonObject>empty())
                : conversations.find(conversation).map(found -> Optional.of(ended(conversation,
                        found.flatMap(ConversationRecord::endedBy).orElse(Side.VISITOR.wireName())))));
    }

    /** "Delete my conversation now": ended if needed, and the transcript erased at once. */
    Future<Void> erase(String conversation) {
        return conversations.erase(conversation).map(outcome -> {
            counted(outcome);
            return null;
        });
    }

    /** The {@code ended} frame of a chat's end told after the fact; {@code by}: visitor, counsellor or timeout. */
    static JsonObject ended(String conversation, String by) {
        return new JsonObject().put("type", "ended").put("conversation", conversation).put("by", by);
    }

    /** The {@code ended} frame, to either side, of a chat its visitor erased. */
    static JsonObject erased(String conversation) {
        return ended(conversation, Side.VISITOR.wireName()).put("erased", true);
    }

    /**
     * The {@code ended} frame of a chat read as ended (after a gap in its events): erased, or ended by whom; as the
     * live one, {@code wrapUp: false} for a start its visitor never got.
     */
    static JsonObject ended(ConversationRecord state) {
        JsonObject ended = state.erased() ? erased(state.id())
                : ended(state.id(), state.endedBy().orElse(Side.VISITOR.wireName()));
        return state.notAChat() ? ended.put("wrapUp", false) : ended;
    }

    private boolean counted(EndOutcome outcome) {
        if (outcome instanceof EndOutcome.Ended ended) {
            endings.ended(ended.ending().wireName());
            return true;
        }
        return false;
    }

    /**
     * The answer to a {@code send}: an {@code ack} once Redis holds the message, or the reason it was refused. A
     * counsellor's chat that has ended is no longer theirs ({@code not_assigned}, as once its end has reached their
     * console), a visitor's is over ({@code conversation_ended}).
     */
    private static JsonObject acknowledgement(String conversation, Side from, String clientId, AppendResult result) {
        if (result instanceof AppendResult.Stored stored) {
            return new JsonObject().put("type", "ack").put("conversation", conversation).put("clientId", clientId)
                    .put("seq", stored.seq()).put("duplicate", stored.duplicate());
        }
        throw switch (((AppendResult.Refused) result).reason()) {
            case ENDED -> new ProtocolException(from == Side.COUNSELLOR ? ProtocolError.NOT_ASSIGNED
                    : ProtocolError.CONVERSATION_ENDED);
            case NOT_ASSIGNED -> new ProtocolException(ProtocolError.NOT_ASSIGNED);
            case MISSING -> new ProtocolException(ProtocolError.NOT_FOUND);
            case RATE_LIMITED -> new ProtocolException(ProtocolError.RATE_LIMITED,
                    "Too many messages in this conversation this minute; send again in a moment.", null);
            case CONVERSATION_FULL -> new ProtocolException(ProtocolError.CONVERSATION_FULL);
        };
    }
}
