package org.helpline.node;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.helpline.domain.Triage;
import org.helpline.domain.WaitingConversation;
import org.helpline.support.SettableClock;
import org.junit.jupiter.api.Test;

/** When a round reads a slice behind the head: only past a full head, for places the head left, about once a second. */
class FurtherBackTest {
    private static final int HEAD = 3;
    private final SettableClock clock = new SettableClock(Instant.parse("2026-12-07T19:00:00Z"));
    private final FurtherBack furtherBack = new FurtherBack(null, clock, HEAD);
    private final List<WaitingConversation> fullHead = head(HEAD);

    @Test
    void onlyWhenMoreWaitThanTheHeadHolds() {
        assertFalse(furtherBack.due(head(2), 2, () -> 5, 0), "the whole queue was read");
        assertTrue(furtherBack.due(head(2), 10, () -> 5, 0), "counted longer: one of the head was unreadable or left");
        assertTrue(new FurtherBack(null, clock, HEAD).due(fullHead, 0, () -> 5, 0),
                "a full head, the count not sampled yet");
    }

    @Test
    void onlyForAPlaceTheHeadLeftFree() {
        assertFalse(furtherBack.due(fullHead, 10, () -> 3, 3), "every open place has a proposal");
        assertFalse(furtherBack.due(fullHead, 10, () -> 0, 0), "no open place");
        assertTrue(furtherBack.due(fullHead, 10, () -> 4, 3));
    }

    @Test
    void aboutOnceASecondWhateverTheClockDoes() {
        assertTrue(furtherBack.due(fullHead, 10, () -> 1, 0));
        assertFalse(furtherBack.due(fullHead, 10, () -> 1, 0), "just read");
        clock.set(clock.instant().plus(FurtherBack.EVERY));
        assertTrue(furtherBack.due(fullHead, 10, () -> 1, 0), "a tick later");
        clock.set(clock.instant().minus(Duration.ofHours(1)));
        assertTrue(furtherBack.due(fullHead, 10, () -> 1, 0), "the clock went back: not an hour without a slice");
    }

    private static List<WaitingConversation> head(int size) {
        return IntStream.range(0, size).mapToObj(i -> new WaitingConversation("c" + i, i, i, Triage.none(), 0,
                Set.of())).toList();
    }
}
