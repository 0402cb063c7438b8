package org.helpline.store;

/** A routing step deadline that fired. */
public enum StepAdvance {
    /** The conversation moved to the next step (and that step's deadline is set, unless it is the last). */
    ADVANCED,
    /** Another node fired it already. */
    ALREADY_FIRED,
    /** The conversation has ended or is gone. */
    CONVERSATION_ENDED
}
