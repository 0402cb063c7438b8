package org.helpline.store;

import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The deadlines kept in Redis: which are due, advancing steps, and the created / fired / cancelled counts. */
public final class DeadlineStore {
    private final RedisAsyncCommands<String, String> commands;
    private final RedisBridge bridge;
    private final Scripts scripts;

    public DeadlineStore(RedisAsyncCommands<String, String> commands, RedisBridge bridge, Scripts scripts) {
        this.commands = commands;
        this.bridge = bridge;
        this.scripts = scripts;
    }

    /** Up to {@code limit} deadlines due now by Redis's clock (not a node's), earliest first. */
    public Future<List<Deadline>> due(int limit) {
        return scripts.list(Scripts.DUE_DEADLINES.call().key("deadlines", Keys.DEADLINES).arg("limit", limit))
                .map(reply -> {
                    List<Deadline> due = new ArrayList<>();
                    for (int i = 0; i + 1 < reply.size(); i += 2) {
                        Deadline.parse(String.valueOf(reply.get(i)), (long) Double.parseDouble(
                                String.valueOf(reply.get(i + 1)))).ifPresent(due::add);
                    }
                    return due;
                });
    }

    /**
     * Fires a step deadline: the conversation moves to step {@code step + 1}, and when that is not the last step the
     * next deadline is set for {@code nextEndsAt}.
     */
    public Future<StepAdvance> advanceStep(Deadline deadline, Optional<Long> nextEndsAt) {
        int step = (int) deadline.number();
        return scripts.text(Scripts.ADVANCE_STEP.call().key("deadlines", Keys.DEADLINES)
                .key("deadlineStats", Keys.DEADLINE_STATS).key("conversation", Keys.conversation(deadline.subject()))
                .arg("firedDeadline", deadline.member()).arg("step", step)
                .arg("nextStepEndsAt", nextEndsAt.map(String::valueOf).orElse(""))
                .arg("nextDeadline", Deadline.step(deadline.subject(), step + 1).member())
                .arg("routingChannel", Keys.ROUTING_CHANNEL)).map(reply -> switch (reply) {
                    case "ok" -> StepAdvance.ADVANCED;
                    case "already" -> StepAdvance.ALREADY_FIRED;
                    case "ended" -> StepAdvance.CONVERSATION_ENDED;
                    default -> throw new IllegalStateException("advance_step answered " + reply);
                });
    }
}
