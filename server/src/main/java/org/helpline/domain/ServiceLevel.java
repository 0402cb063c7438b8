package org.helpline.domain;

import java.util.OptionalInt;

/**
 * Answers over a window, against the service-level target: chats first answered in the window and those of them
 * answered within the target; chats that ended unanswered in the window and those of them that had waited past the
 * target. A visitor who left before the target is nobody's failure, so only the late ones count against the service.
 */
public record ServiceLevel(long answered, long answeredInTime, long unanswered, long unansweredLate) {
    public static final ServiceLevel NONE = new ServiceLevel(0, 0, 0, 0);

    public ServiceLevel plus(ServiceLevel other) {
        return new ServiceLevel(answered + other.answered, answeredInTime + other.answeredInTime,
                unanswered + other.unanswered, unansweredLate + other.unansweredLate);
    }

    /** answered in time / (answered + left unanswered after the target), in whole percent; empty with no chat. */
    public OptionalInt percent() {
        long counted = answered + unansweredLate;
        return counted == 0 ? OptionalInt.empty() : OptionalInt.of((int) Math.round(100.0 * answeredInTime / counted));
    }
}
