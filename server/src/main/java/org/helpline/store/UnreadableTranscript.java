package org.helpline.store;

/**
 * A stored text that this node cannot decrypt: sealed under a data key it no longer has (crypto-shredded on
 * rotation), or damaged. The message names the key id, never the text.
 */
public final class UnreadableTranscript extends RuntimeException {
    public UnreadableTranscript(String problem) {
        super("transcript unreadable: " + problem);
    }
}
