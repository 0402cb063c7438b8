package org.helpline.store;

/**
 * What became of a chat a console showed (before it reconnected, or before its node's pub/sub link dropped) and that
 * its counsellor's list of held chats no longer names: its
 * transcript gone (erased by its visitor, or expired), ended while it was still hers (and by whom), or gone on
 * without her (back to the queue when her connection was lost, transferred, taken over, or ended under someone else).
 */
public sealed interface ChatLeftBehind {
    enum Standing implements ChatLeftBehind {
        /** Its transcript is gone: wiped off her screen. */
        ERASED,
        /** Back in the queue (waiting, offered, or ended there unanswered): not hers to close or record. */
        BACK_IN_QUEUE,
        /** Another counsellor's now (transferred, taken over), or ended with another: not hers to close or record. */
        WITH_ANOTHER,
        /** Hers and active after all (assigned to her again since her list was read): nothing to tell. */
        STILL_HERS
    }

    /** It ended while she held it: hers to record an outcome for. {@code by}: visitor, counsellor or timeout. */
    record EndedWithHer(String by) implements ChatLeftBehind {
    }
}
