package org.helpline.load;

/**
 * Frames a visitor gets that the generator does not parse (the server writes a frame's type first): her later places
 * in the queue (thousands a second while thousands wait) and the hotlines of an {@code alternatives} frame (after
 * {@code started}, and later when the wait is long or she is in danger: a large frame of nested lists, whose parsing
 * was a fifth of what the generator allocated in a run of 1,000 starts a second, and its collector's pauses are
 * measured as the server's latency).
 */
final class UnparsedFrames {
    private static final String QUEUE = "{\"type\":\"queue\"";
    private static final String ALTERNATIVES = "{\"type\":\"alternatives\"";

    private UnparsedFrames() {
    }

    /**
     * Whether {@code text} needs no parsing: a hotline frame (counted as {@code frame.alternatives}), or a place in
     * the queue once the visitor has been {@code positioned} (the first one is timed).
     */
    static boolean skip(String text, boolean positioned, Counts counts) {
        if (text.startsWith(ALTERNATIVES)) {
            counts.add("frame.alternatives");
            return true;
        }
        return positioned && text.startsWith(QUEUE);
    }
}
