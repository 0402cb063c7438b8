package org.helpline.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The kept minutes give the same totals as counting every wait of the day at each read. */
class WaitTallyTest {
    private static final long TARGET = 60_000;
    private static final long MINUTE = 60_000;

    /** One recorded wait: when, how long, answered or not. */
    private record Wait(long at, long waited, boolean answered) {
        ServiceLevel counts() {
            boolean late = waited > TARGET;
            return new ServiceLevel(answered ? 1 : 0, answered && !late ? 1 : 0, answered ? 0 : 1,
                    !answered && late ? 1 : 0);
        }
    }

    private static ServiceLevel count(List<Wait> waits, long from) {
        ServiceLevel total = ServiceLevel.NONE;
        for (Wait wait : waits) {
            if (wait.at >= from) {
                total = total.plus(wait.counts());
            }
        }
        return total;
    }

    /** What the script answers: minutes from {@code scanFrom}, and the part of the hour's first minute in the hour. */
    private static Map<Long, WaitTally.Minute> scan(List<Wait> waits, long scanFrom) {
        Map<Long, WaitTally.Minute> minutes = new HashMap<>();
        for (Wait wait : waits) {
            long minute = Math.floorDiv(wait.at, MINUTE);
            if (minute >= scanFrom) {
                WaitTally.Minute before = minutes.getOrDefault(minute, WaitTally.Minute.NONE);
                minutes.put(minute, new WaitTally.Minute(before.counts().plus(wait.counts()),
                        before.answeredWaitMillis() + (wait.answered ? wait.waited : 0)));
            }
        }
        return minutes;
    }

    @Test
    void readsEveryFewSecondsAgreeWithAFullCount() {
        Random random = new Random(14);
        WaitTally tally = new WaitTally();
        List<Wait> waits = new ArrayList<>();
        long dayStart = 1_764_633_600_000L; // a UTC midnight
        long now = dayStart + 3 * 3_600_000L;
        for (int read = 0; read < 2000; read++) {
            for (int i = random.nextInt(4); i > 0; i--) {
                waits.add(new Wait(now - random.nextInt(3000), random.nextInt(120_000), random.nextBoolean()));
            }
            now += 2000 + random.nextInt(1000);
            long hourFrom = now - 3_600_000L;
            long hourMinute = Math.floorDiv(hourFrom, MINUTE);
            long dayMinute = Math.floorDiv(dayStart, MINUTE);
            long firstMinute = Math.floorDiv(now, MINUTE) - (read % 50 == 0 ? 120 : 1);
            long scanFrom = tally.scanFrom(Math.min(firstMinute, Math.min(hourMinute, dayMinute)));
            long edgeEnd = (hourMinute + 1) * MINUTE;
            List<Wait> edgeWaits = waits.stream().filter(wait -> wait.at >= hourFrom && wait.at < edgeEnd).toList();
            WaitTally.Totals totals = tally.fold(scanFrom, scan(waits, scanFrom), Math.floorDiv(now, MINUTE),
                    count(edgeWaits, hourFrom), hourMinute, dayMinute, firstMinute);
            assertEquals(count(waits, hourFrom), totals.lastHour(), "hour at read " + read);
            assertEquals(count(waits, dayStart), totals.today(), "day at read " + read);
            assertEquals(scan(waits, firstMinute), totals.byMinute(), "minutes at read " + read);
        }
    }
}
