package org.helpline.node;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.helpline.config.RoutingSettings;
import org.helpline.domain.CounsellorKinds;
import org.helpline.domain.StepRouting;
import org.helpline.domain.Triage;
import org.helpline.domain.WaitingConversation;
import org.helpline.store.Deadline;
import org.helpline.store.DeadlineStore;
import org.helpline.store.FailureLog;
import org.helpline.store.StepAdvance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passes a waiting chat on from a routing step that targets no association open now (every association it admits is
 * closed, or every counsellor of theirs declined it) to the first later step that does ({@link StepRouting#stepNow}),
 * instead of letting her wait out a step nobody can answer: its step deadlines are fired now, each once whichever node
 * asks first (the script settles each deadline once). Looked at for the queue's head at each tick of the dispatcher;
 * chats alike in what the steps read are judged once.
 */
final class StepPassing {
    private static final Logger LOG = LoggerFactory.getLogger(StepPassing.class);
    private final DeadlineStore deadlines;
    private final StepRouting policy;
    private final RoutingSettings routing;
    private final CounsellorKinds kinds;

    StepPassing(DeadlineStore deadlines, StepRouting policy, RoutingSettings routing, CounsellorKinds kinds) {
        this.deadlines = deadlines;
        this.policy = policy;
        this.routing = routing;
        this.kinds = kinds;
    }

    void pass(List<WaitingConversation> head, Instant now) {
        Map<Kind, OptionalInt> byKind = new HashMap<>();
        for (WaitingConversation waiting : head) {
            OptionalInt stepNow = byKind.computeIfAbsent(new Kind(waiting.triage(), waiting.step(), waiting.excluded()),
                    kind -> policy.stepNow(waiting, kinds, now));
            if (stepNow.isPresent() && stepNow.getAsInt() > waiting.step()) {
                passOn(waiting.id(), waiting.step(), stepNow.getAsInt(), now.toEpochMilli())
                        .onFailure(failure -> FailureLog.log(LOG, "Passing a step nobody can answer", failure));
            }
        }
    }

    private Future<Void> passOn(String conversation, int step, int to, long now) {
        if (step >= to) {
            return Future.succeededFuture();
        }
        return deadlines.advanceStep(new Deadline(Deadline.Kind.STEP, conversation, step, now),
                        routing.stepEndsAt(step + 1, now))
                .compose(advance -> advance == StepAdvance.ADVANCED ? passOn(conversation, step + 1, to, now)
                        : Future.succeededFuture());
    }

    /** What {@link StepRouting#stepNow} reads of a conversation. */
    private record Kind(Triage triage, int step, Set<String> excluded) {
    }
}
