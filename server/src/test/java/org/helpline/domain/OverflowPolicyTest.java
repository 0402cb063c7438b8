package org.helpline.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** When a waiting visitor is handed the hotlines open now, and the wait estimate, on fixed instants. */
class OverflowPolicyTest {
    /** A Wednesday, 10:00 in Paris. */
    private static final Instant WEDNESDAY_MORNING = Instant.parse("2026-11-18T09:00:00Z");
    /** The same Wednesday, 22:00 in Paris. */
    private static final Instant WEDNESDAY_NIGHT = Instant.parse("2026-11-18T21:00:00Z");

    private static final Association OFFICE = new Association("office", "Office", Set.of("legal-advice"),
            Set.of("59"), Set.of("fr"), officeHours(), 2, RoutingMode.OFFER, false);
    private static final List<RoutingStep> STEPS = List.of(
            new RoutingStep("local", Set.of(Criterion.REGION), Duration.ofSeconds(60)),
            new RoutingStep("anyone", Set.of(), Duration.ofSeconds(120)));
    private static final Counsellor LOUISE = new Counsellor("louise", "Louise", "office", Set.of("fr"),
            Set.of("legal-advice"), 2, "x", false, false);

    private final StepRouting routing = new StepRouting(STEPS, Map.of("office", OFFICE));
    private final OverflowPolicy policy = new OverflowPolicy(routing, List.of(LOUISE));

    private static OpeningHours officeHours() {
        LocalTime nine = LocalTime.of(9, 0);
        LocalTime five = LocalTime.of(17, 0);
        return OpeningHours.weekly(ZoneId.of("Europe/Paris"), Map.of(DayOfWeek.WEDNESDAY,
                List.of(new OpeningHours.TimeRange(nine, five))));
    }

    private static WaitingConversation waiting(Instant arrived, int step) {
        Triage triage = new Triage(Optional.empty(), Optional.of("fr"), Optional.of("59"),
                Optional.of("legal-advice"), false, false);
        return new WaitingConversation("c1", 0, arrived.toEpochMilli(), triage, step, Set.of());
    }

    @Test
    void closedWhenNobodyConfiguredCanTakeItAtThisHour() {
        Instant arrived = WEDNESDAY_NIGHT.minusSeconds(5);
        assertEquals(Optional.of(OverflowReason.CLOSED),
                policy.reason(waiting(arrived, 0), List.of(new ReachableCounsellor(LOUISE, 0, 0)), WEDNESDAY_NIGHT));
    }

    @Test
    void noCounsellorNotClosedWhenEveryoneConfiguredWhoCouldTakeItDeclinedIt() {
        Counsellor ines = new Counsellor("ines", "Ines", "office", Set.of("fr"), Set.of("legal-advice"), 2, "x",
                false, false);
        OverflowPolicy two = new OverflowPolicy(routing, List.of(LOUISE, ines));
        Instant arrived = WEDNESDAY_MORNING.minusSeconds(5);
        WaitingConversation waiting = waiting(arrived, 0);
        WaitingConversation declinedByOne = new WaitingConversation("c1", 0, arrived.toEpochMilli(),
                waiting.triage(), 0, Set.of("louise"));
        WaitingConversation declinedByBoth = new WaitingConversation("c1", 0, arrived.toEpochMilli(),
                waiting.triage(), 0, Set.of("louise", "ines"));
        List<ReachableCounsellor> online = List.of(new ReachableCounsellor(ines, 0, 0));
        assertEquals(Optional.empty(), two.reason(declinedByOne, online, WEDNESDAY_MORNING));
        assertEquals(Optional.of(OverflowReason.NO_COUNSELLOR), two.reason(declinedByBoth, online, WEDNESDAY_MORNING),
                "their cool-downs end within minutes: the service is not closed");
    }

    @Test
    void noCounsellorWhenOpenButNobodyOnlineHasAFreePlace() {
        Instant arrived = WEDNESDAY_MORNING.minusSeconds(5);
        assertEquals(Optional.of(OverflowReason.NO_COUNSELLOR),
                policy.reason(waiting(arrived, 0), List.of(), WEDNESDAY_MORNING));
        assertEquals(Optional.of(OverflowReason.NO_COUNSELLOR),
                policy.reason(waiting(arrived, 0), List.of(new ReachableCounsellor(LOUISE, 2, 0)),
                        WEDNESDAY_MORNING));
    }

    @Test
    void nothingWhenSomeoneFreeCouldTakeIt() {
        Instant arrived = WEDNESDAY_MORNING.minusSeconds(5);
        assertEquals(Optional.empty(), policy.reason(waiting(arrived, 0),
                List.of(new ReachableCounsellor(LOUISE, 1, 0)), WEDNESDAY_MORNING));
    }

    @Test
    void aCheckForManyConversationsAnswersAsEachAlone() {
        List<ReachableCounsellor> free = List.of(new ReachableCounsellor(LOUISE, 1, 0));
        OverflowPolicy.Check check = policy.at(free, WEDNESDAY_MORNING);
        for (int seconds : new int[]{5, 179, 180, 181, 600, 5}) {
            for (int step = 0; step < STEPS.size(); step++) {
                WaitingConversation one = waiting(WEDNESDAY_MORNING.minusSeconds(seconds), step);
                assertEquals(policy.reason(one, free, WEDNESDAY_MORNING), check.reason(one),
                        seconds + " s at step " + step);
            }
        }
        OverflowPolicy.Check night = policy.at(free, WEDNESDAY_NIGHT);
        assertEquals(Optional.of(OverflowReason.CLOSED), night.reason(waiting(WEDNESDAY_NIGHT.minusSeconds(5), 0)));
    }

    @Test
    void longWaitOnlyPastTheWholePolicyAndAtItsLastStep() {
        List<ReachableCounsellor> free = List.of(new ReachableCounsellor(LOUISE, 0, 0));
        Instant justPast = WEDNESDAY_MORNING.minusSeconds(181);
        assertEquals(Optional.of(OverflowReason.LONG_WAIT), policy.reason(waiting(justPast, 1), free,
                WEDNESDAY_MORNING));
        assertEquals(Optional.empty(), policy.reason(waiting(justPast, 0), free, WEDNESDAY_MORNING),
                "not yet at the last step");
        assertEquals(Optional.empty(), policy.reason(waiting(WEDNESDAY_MORNING.minusSeconds(180), 1), free,
                WEDNESDAY_MORNING), "exactly the policy's length is not past it");
    }

    @Test
    void waitEstimateIsPositionOverRecentThroughput() {
        assertEquals(Optional.empty(), WaitEstimate.of(3, 0));
        // 15 chats taken in 15 minutes: one a minute, so third in line waits about three minutes
        assertEquals(Optional.of(Duration.ofMinutes(3)), WaitEstimate.of(3, 15));
        assertEquals(Optional.of(Duration.ofSeconds(20)), WaitEstimate.of(1, 45));
    }

    @Test
    void transferTargetsAreRankedLikeRouting() {
        Counsellor other = new Counsellor("aline", "Aline", "office", Set.of("fr"), Set.of(), 2, "x", false, false);
        Counsellor third = new Counsellor("zoe", "Zoe", "office", Set.of("fr"), Set.of(), 2, "x", false, false);
        Counsellor elsewhere = new Counsellor("bob", "Bob", "shelter", Set.of("fr"), Set.of(), 2, "x", false, false);
        List<ReachableCounsellor> reachable = List.of(
                new ReachableCounsellor(LOUISE, 0, 0),
                new ReachableCounsellor(third, 1, 10),
                new ReachableCounsellor(other, 1, 5),
                new ReachableCounsellor(elsewhere, 0, 0),
                new ReachableCounsellor(new Counsellor("full", "Full", "office", Set.of(), Set.of(), 1, "x", false,
                        false), 1, 0),
                new ReachableCounsellor(new Counsellor("wrapping", "Wrapping up", "office", Set.of(), Set.of(), 2, "x",
                        false, false), 0, 0, WEDNESDAY_MORNING.plusSeconds(1)),
                new ReachableCounsellor(new Counsellor("wrapped", "Wrapped up", "office", Set.of(), Set.of(), 2, "x",
                        false, false), 1, 20, WEDNESDAY_MORNING));
        assertEquals(List.of("aline", "zoe", "wrapped"), StepRouting.transferTargets(reachable, "office", "louise",
                WEDNESDAY_MORNING).stream().map(ReachableCounsellor::id).toList(),
                "not the full one, nor one in wrap-up; one whose wrap-up has ended, yes");
    }
}
