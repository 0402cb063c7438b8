package org.helpline.store;

/**
 * What a resume code led to: a conversation, or nowhere (a wrong code, counted against the client key that tried it),
 * or it was not looked up (the key had tried too many wrong codes this minute). Counted and looked up in one script,
 * so that sockets trying codes at once on several nodes get no more than the key's budget between them.
 */
public sealed interface CodeLookup {
    /** The code led to this open conversation, which has the new secret now. */
    record Found(String conversation) implements CodeLookup {
    }

    enum Missed implements CodeLookup {
        /** The code leads nowhere (or to a conversation that ended): counted against the key. */
        WRONG,
        /** Not looked up: the key tried its wrong codes of the minute already. */
        TOO_MANY_WRONG
    }
}
