package org.helpline.load;

/**
 * The relay latencies of a run's messages, both ways, for the whole run and for steady's message phase (the messages
 * due once every chat was assigned). Each is timed from when its send was due by its writer's timer ({@link Pace},
 * {@link SendTime}), so that a generator late to send adds its delay instead of hiding it (coordinated omission
 * through the timer); the message phase's are also timed from when they were actually sent, with how late the
 * timers ran, so that the generator's own part can be told apart.
 */
final class Relays {
    final Latency visitorToCounsellor = new Latency("relay visitor to counsellor");
    final Latency counsellorToVisitor = new Latency("relay counsellor to visitor");
    final SlowSeconds messagePhaseSeconds = new SlowSeconds();
    final Latency visitorToCounsellorInMessagePhase = new Latency("relay visitor to counsellor, message phase only",
            messagePhaseSeconds);
    final Latency counsellorToVisitorInMessagePhase = new Latency("relay counsellor to visitor, message phase only",
            messagePhaseSeconds);
    final Latency fromActualSendInMessagePhase = new Latency("relay both ways, message phase only, from the actual"
            + " send (the generator's lateness left out)");
    final Latency sendLatenessInMessagePhase = new Latency("generator's send timers, message phase only: how late"
            + " they sent (sent - due)");
    private volatile long messagePhaseFrom = Long.MAX_VALUE;

    /** Messages due from now on are also counted in the message phase's figures (steady). */
    void messagePhaseStarts() {
        messagePhaseFrom = System.nanoTime();
    }

    /** The text of a message due at {@code dueNanos} and sent now; its lateness counted if in the message phase. */
    String sending(long dueNanos) {
        SendTime time = new SendTime(dueNanos, System.nanoTime());
        if (dueNanos >= messagePhaseFrom) {
            sendLatenessInMessagePhase.record(time.lateNanos());
        }
        return time.text();
    }

    /** A message's first delivery to the other side, now: to a console when {@code toCounsellor}, else the visitor. */
    void delivered(String text, boolean toCounsellor) {
        SendTime.of(text).ifPresent(time -> {
            long now = System.nanoTime();
            (toCounsellor ? visitorToCounsellor : counsellorToVisitor).record(now - time.dueNanos());
            if (time.dueNanos() >= messagePhaseFrom) {
                (toCounsellor ? visitorToCounsellorInMessagePhase : counsellorToVisitorInMessagePhase)
                        .record(now - time.dueNanos());
                fromActualSendInMessagePhase.record(now - time.sentNanos());
            }
        });
    }
}
