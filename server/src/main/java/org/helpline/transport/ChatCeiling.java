package org.helpline.transport;

import org.helpline.domain.SendAllowance;

/**
 * One per node: how many chats it starts a minute, all clients together (bursts up to a minute's worth). A flood from
 * many addresses at once meets this when no single client key reaches its own limit.
 */
final class ChatCeiling {
    private final SendAllowance starts;

    /** Refilled by elapsed (monotonic) time, so that a step of the wall clock neither empties nor fills it. */
    ChatCeiling(int chatsPerMinute) {
        this.starts = new SendAllowance(chatsPerMinute / 60.0, chatsPerMinute, System::nanoTime);
    }

    /** False when the node started its minute's chats already: this one must not start. */
    synchronized boolean tryStart() {
        return starts.tryTake();
    }

    /** The chat did not start after all (its client was refused, or Redis failed): it does not count. */
    synchronized void refund() {
        starts.giveBack();
    }
}
