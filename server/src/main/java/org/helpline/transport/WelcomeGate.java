package org.helpline.transport;

import java.util.ArrayList;
import java.util.List;

/**
 * What comes for a staff socket between its subscription to its events (made before its state is read, so that
 * nothing is missed) and its {@code welcome}: held back, then handled in order once {@code welcome} has gone out, so
 * that {@code welcome} is the first frame a page gets, as protocol.md says. Event-loop confined, like its socket.
 */
final class WelcomeGate {
    /** What came before {@code welcome}, in order; null once it has gone out. */
    private List<Runnable> held = new ArrayList<>();

    /** Runs {@code action} now if {@code welcome} has gone out, else once it has. */
    void handle(Runnable action) {
        if (held == null) {
            action.run();
        } else {
            held.add(action);
        }
    }

    /** Whether {@code welcome} has gone out. */
    boolean isOpen() {
        return held == null;
    }

    /** {@code welcome} has gone out: what was held back runs now, in order, and whatever comes next at once. */
    void open() {
        List<Runnable> waiting = held;
        held = null;
        if (waiting != null) {
            waiting.forEach(Runnable::run);
        }
    }
}
