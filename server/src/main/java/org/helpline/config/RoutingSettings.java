package org.helpline.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.helpline.domain.PrioritySettings;
import org.helpline.domain.RoutingStep;

/**
 * routing.yaml: priority head starts, offers, presence and the ordered steps of the policy.
 *
 * @param acceptTimeout     how long an offered chat waits for accept before going to the next counsellor
 * @param maxMissedOffers   offers a counsellor may let expire in a row before being set away
 * @param declineCooldown   how long a counsellor who declined (or let expire) a chat is not offered it again
 * @param consoleLease      how long a console stays counted as present without a renewal (a dead node's consoles
 *                          disappear after this)
 * @param heartbeatTimeout  a console that sends nothing (not even a ping) for this long is closed
 * @param reconnectGrace    after a counsellor's last console closes, how long their chats wait for them to come back
 *                          before going back to the queue
 */
public record RoutingSettings(PrioritySettings priority, Duration acceptTimeout, int maxMissedOffers,
                              Duration declineCooldown, Duration consoleLease, Duration heartbeatTimeout,
                              Duration reconnectGrace, List<RoutingStep> steps) {
    public RoutingSettings {
        steps = List.copyOf(steps);
    }

    /** When a chat that entered step {@code step} at {@code enteredAt} (ms) leaves it; empty for the last step. */
    public Optional<Long> stepEndsAt(int step, long enteredAt) {
        return step < steps.size() - 1 ? Optional.of(enteredAt + steps.get(step).timeout().toMillis())
                : Optional.empty();
    }
}
