package org.helpline.store;

/** A counsellor's presence deadline that fired. */
public sealed interface PresenceOutcome {
    /** Nothing given back. */
    enum Unchanged implements PresenceOutcome {
        /** A console renewed its lease in time: the deadline is set again. */
        STILL_PRESENT,
        /** Another node fired it already. */
        ALREADY_FIRED
    }

    /** The counsellor is set away and the chats they held or were offered are back in the queue. */
    record CounsellorGone(long chatsRequeued) implements PresenceOutcome {
    }
}
