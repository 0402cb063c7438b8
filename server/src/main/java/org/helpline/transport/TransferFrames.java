package org.helpline.transport;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.helpline.config.HelplineConfig;
import org.helpline.domain.Alphabetical;
import org.helpline.domain.Association;
import org.helpline.domain.Counsellor;
import org.helpline.domain.OnlineCounsellor;
import org.helpline.domain.ReachableCounsellor;
import org.helpline.domain.StepRouting;
import org.helpline.store.CaseRecordStore;
import org.helpline.store.CounsellorStore;
import org.helpline.store.QueueStore;
import org.helpline.store.TransferOutcome;

/**
 * {@code transfer}: a counsellor hands a held chat to a named counsellor or to an association (its reachable
 * counsellors with a free place, ranked as routing ranks them), with an optional internal note. The chat stays with
 * the sender when nobody could take it. {@code transfer_targets}: where a transfer could go now, with the free places
 * (a colleague away with her console open among them).
 */
final class TransferFrames {
    private final HelplineConfig config;
    private final CounsellorStore counsellors;
    private final QueueStore queue;
    private final Clock clock;
    /**
     * Each configured counsellor's place in the picker's order (by name, then id), sorted once: a sort with the
     * collator on each request would compare thousands of names under its one lock, shared by every event loop.
     */
    private final Map<String, Integer> pickerOrder = new HashMap<>();

    TransferFrames(HelplineConfig config, CounsellorStore counsellors, QueueStore queue, Clock clock) {
        this.config = config;
        this.counsellors = counsellors;
        this.queue = queue;
        this.clock = clock;
        config.counsellors().stream().sorted(Comparator.comparing(Counsellor::displayName, Alphabetical.ORDER)
                .thenComparing(Counsellor::id)).forEach(counsellor -> pickerOrder.put(counsellor.id(),
                pickerOrder.size()));
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
                    who.id(), clock.instant()).stream().map(ReachableCounsellor::id).toList());
        }
        return candidates.compose(ids -> tryTransfer(conversation, who.id(), ids, 0, noteJson, "no_counsellor"));
    }

    /**
     * The {@code transfer_targets} frame: every association (open now or not, and the free places of its counsellors
     * who could take a transfer to it now: available ones) and every other counsellor with a live console now, with
     * their availability and free places: all those available, and those away who have a free place (a colleague
     * asked to take a chat may be away, in a break; a transfer by name needs only her console and a place). A
     * console asks again while its picker is open, so what it shows stays live.
     */
    Future<JsonObject> targets(Counsellor who) {
        Instant now = clock.instant();
        Map<String, Association> associations = config.associationsById();
        return counsellors.online().map(online -> {
            List<ReachableCounsellor> reachable = online.stream().map(OnlineCounsellor::reachable)
                    .flatMap(Optional::stream).toList();
            JsonArray byAssociation = new JsonArray();
            for (Association association : config.associations()) {
                int free = StepRouting.transferTargets(reachable, association.id(), who.id(), now).stream()
                        .mapToInt(ReachableCounsellor::freeCapacity).sum();
                byAssociation.add(new JsonObject().put("id", association.id()).put("name", association.name())
                        .put("open", association.openingHours().isOpen(now)).put("freePlaces", free));
            }
            JsonArray people = new JsonArray();
            online.stream().filter(other -> !other.id().equals(who.id()))
                    .filter(other -> other.available() || other.freeCapacity() > 0)
                    .sorted(Comparator.comparingInt(other -> pickerOrder.getOrDefault(other.id(), Integer.MAX_VALUE)))
                    .forEach(other -> people.add(new JsonObject().put("id", other.id())
                            .put("name", other.counsellor().displayName())
                            .put("association", other.counsellor().associationId())
                            .put("associationName", associations.get(other.counsellor().associationId()).name())
                            .put("status", other.availability().wireName())
                            .put("freePlaces", other.freeCapacity()).put("wrappingUp", other.wrappingUpAt(now))));
            return new JsonObject().put("type", "transfer_targets").put("associations", byAssociation)
                    .put("counsellors", people);
        });
    }

    private Future<Void> tryTransfer(String conversation, String from, List<String> targets, int index,
                                     String noteJson, String lastReason) {
        if (index >= targets.size()) {
            return Future.failedFuture(ProtocolException.transferFailed(lastReason,
                    "Nobody could take the chat (" + lastReason + "); it stays with you."));
        }
        return queue.transfer(conversation, from, targets.get(index), noteJson).compose(result -> {
            if (result == TransferOutcome.TRANSFERRED) {
                return Future.succeededFuture();
            }
            if (result == TransferOutcome.NOT_ASSIGNED) {
                return Future.failedFuture(new ProtocolException(ProtocolError.NOT_ASSIGNED));
            }
            if (result == TransferOutcome.NOTES_FULL) {
                return Future.failedFuture(ProtocolException.invalid("note", "this chat has "
                        + CaseRecordStore.MAX_NOTES + " notes already: hand it over without a note"));
            }
            return tryTransfer(conversation, from, targets, index + 1, noteJson, result.wireName());
        });
    }
}
