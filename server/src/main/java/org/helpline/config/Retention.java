package org.helpline.config;

import java.time.Duration;

/**
 * How long what a conversation holds is kept, and how it leaves the disk.
 *
 * @param endedConversation how long Redis keeps an ended conversation's transcript before it deletes it
 * @param diskPurge at most this long after an erase or an expiry, the text has left every file Redis writes (an
 *     append-only file rewrite, at most one in each such window)
 * @param rewriteAppendOnlyFile whether the nodes ask Redis to rewrite its append-only file (always on for the
 *     embedded Redis; an external one may refuse)
 * @param dataKeys the keys transcripts are encrypted with in Redis ({@code HELPLINE_DATA_KEY}); none: in clear
 */
public record Retention(Duration endedConversation, Duration diskPurge, boolean rewriteAppendOnlyFile,
                        DataKeys dataKeys) {
}
