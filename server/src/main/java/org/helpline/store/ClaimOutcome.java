package org.helpline.store;

/**
 * The answer of the atomic claim: {@code assigned} or {@code offered} (with how long the conversation had waited), or
 * why not: {@code taken}, {@code unavailable}, {@code offline}, {@code full}, {@code excluded}.
 */
public record ClaimOutcome(String result, long waitedMillis) {
    public boolean succeeded() {
        return "assigned".equals(result) || "offered".equals(result);
    }
}
