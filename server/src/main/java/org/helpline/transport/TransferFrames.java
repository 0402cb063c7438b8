package org.helpline.transport;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.helpline.config.HelplineConfig;
import org.helpline.domain.Counsellor;
import org.helpline.domain.ReachableCounsellor;
import org.helpline.domain.StepRouting;
import org.helpline.store.CounsellorStore;
import org.helpline.store.QueueStore;
import org.helpline.store.TransferOutcome;

/**
 * {@code transfer}: a counsellor hands a held chat to a named counsellor or to an association (its reachable
 * counsellors with a free place, ranked as routing ranks them), with an optional internal note. The chat stays with
 * the sender when nobody could take it.
 */
final class TransferFrames {
    private final HelplineConfig config;
    private final CounsellorStore counsellors;
    private final QueueStore queue;
    private final Clock clock;

    TransferFrames(HelplineConfig config, CounsellorStore counsellors, QueueStore queue, Clock clock) {
        this.config = config;
        this.counsellors = counsellors;
        this.queue = queue;
        this.clock = clock;
    }

    Future<Void> transfer(Counsellor who, String conversation, JsonObject frame) {
        Optional<String> toCounsellor = Fields.optionalString(frame, "", "toCounsellor");
        Optional<String> toAssociation = Fields.optionalString(frame, "", "toAssociation");
        if (toCounsellor.isPresent() == toAssociation.isPresent()) {
            throw ProtocolException.invalid("toCounsellor", "give exactly one of toCounsellor or toAssociation");
        }
        String note = Fields.note(frame);
        String noteJson = note.isEmpty() ? "" : new JsonObject().put("from", who.displayName())
                .put("fromAssociation", who.associationId()).put("text", note)
                .put("at", clock.millis()).encode();
        Future<List<String>> candidates;
        if (toCounsellor.isPresent()) {
            String target = toCounsellor.get();
            if (config.counsellor(target).isEmpty() || target.equals(who.id())) {
                throw ProtocolException.invalid("toCounsellor", "no other counsellor has this id");
            }
            candidates = Future.succeededFuture(List.of(target));
        } else {
            String target = toAssociation.get();
            if (!config.associationsById().containsKey(target)) {
                throw ProtocolException.invalid("toAssociation", "no association has this id");
            }
            candidates = counsellors.reachable().map(reachable -> StepRouting.transferTargets(reachable, target,
                    who.id()).stream().map(ReachableCounsellor::id).toList());
        }
        return candidates.compose(ids -> tryTransfer(conversation, who.id(), ids, 0, noteJson, "no_counsellor"));
    }

    private Future<Void> tryTransfer(String conversation, String from, List<String> targets, int index,
                                     String noteJson, String lastReason) {
        if (index >= targets.size()) {
            return Future.failedFuture(new ProtocolException(ProtocolError.TRANSFER_FAILED,
                    "Nobody could take the chat (" + lastReason + "); it stays with you.", null));
        }
        return queue.transfer(conversation, from, targets.get(index), noteJson).compose(result -> {
            if (result == TransferOutcome.TRANSFERRED) {
                return Future.succeededFuture();
            }
            if (result == TransferOutcome.NOT_ASSIGNED) {
                return Future.failedFuture(new ProtocolException(ProtocolError.NOT_ASSIGNED));
            }
            return tryTransfer(conversation, from, targets, index + 1, noteJson, result.wireName());
        });
    }
}
