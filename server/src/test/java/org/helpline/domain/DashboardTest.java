package org.helpline.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.helpline.domain.DashboardSnapshot.AssociationLine;
import org.helpline.domain.DashboardSnapshot.CounsellorCounts;
import org.junit.jupiter.api.Test;

/** The supervisor dashboard, pure: attribution by current step, counsellor states, urgency order, service level. */
class DashboardTest {
    private static final Instant NOW = Instant.parse("2026-11-18T09:00:00Z");
    private static final Set<String> TOPICS = Set.of("physical", "legal-advice");

    private static final Association LILLE = association("lille", "Lille", Set.of("59"), OpeningHours.always());
    private static final Association NATIONAL = association("national", "National", Set.of(Association.NATIONAL),
            OpeningHours.always());
    private static final Association LONDON = new Association("london", "London", TOPICS, Set.of("london"),
            Set.of("en"), OpeningHours.always(), 3, RoutingMode.DIRECT, false);
    private static final Association CLOSED = association("closed", "Closed", Set.of("59"),
            OpeningHours.weekly(ZoneId.of("UTC"), Map.of()));

    private static final List<RoutingStep> STEPS = List.of(
            new RoutingStep("local", Set.of(Criterion.REGION, Criterion.LANGUAGE), Duration.ofSeconds(60)),
            new RoutingStep("anyone", Set.of(), Duration.ZERO));

    private static final Counsellor LILLE_1 = counsellor("lille-1", LILLE, 2, "fr");
    private static final Counsellor LILLE_2 = counsellor("lille-2", LILLE, 1, "fr");
    private static final Counsellor NATIONAL_1 = counsellor("national-1", NATIONAL, 2, "fr");
    private static final Counsellor LONDON_1 = counsellor("london-1", LONDON, 2, "en");
    private static final Counsellor CLOSED_1 = counsellor("closed-1", CLOSED, 2, "fr");

    private final StepRouting routing = new StepRouting(STEPS, Map.of("lille", LILLE, "national", NATIONAL,
            "london", LONDON, "closed", CLOSED));
    private final Dashboard dashboard = new Dashboard(routing, List.of(LILLE, NATIONAL, LONDON, CLOSED),
            List.of(LILLE_1, LILLE_2, NATIONAL_1, LONDON_1, CLOSED_1));

    private static Association association(String id, String name, Set<String> regions, OpeningHours hours) {
        return new Association(id, name, TOPICS, regions, Set.of("fr", "en"), hours, 3, RoutingMode.DIRECT, false);
    }

    private static Counsellor counsellor(String id, Association association, int capacity, String language) {
        return new Counsellor(id, "Name of " + id, association.id(), Set.of(language), TOPICS, capacity, "x", false,
                false);
    }

    private static WaitingConversation waiting(String id, String region, String language, boolean danger,
                                               Duration waited, int step) {
        Triage triage = new Triage(Optional.empty(), Optional.ofNullable(language), Optional.ofNullable(region),
                Optional.empty(), false, danger);
        long arrival = NOW.minus(waited).toEpochMilli();
        return new WaitingConversation(id, QueuePriority.score(triage, arrival, PrioritySettings.defaults()), arrival,
                triage, step, Set.of());
    }

    private static DashboardReading reading(Map<String, DashboardReading.Presence> presence,
                                            List<DashboardReading.ActiveChat> active) {
        return new DashboardReading(presence, active, ServiceLevel.NONE, ServiceLevel.NONE, Map.of(), Map.of(),
                List.of());
    }

    private static AssociationLine line(DashboardSnapshot snapshot, String id) {
        return snapshot.associations().stream().filter(line -> line.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void aWaitingChatCountsUnderTheOpenAssociationsItsCurrentStepTargets() {
        WaitingConversation local = waiting("a", "59", "fr", false, Duration.ofSeconds(30), 0);
        DashboardSnapshot snapshot = dashboard.snapshot(new QueueView(List.of(local), 1), reading(Map.of(), List.of()),
                NOW);
        assertEquals(1, line(snapshot, "lille").waiting());
        assertEquals(1, line(snapshot, "national").waiting(), "national serves every region");
        assertEquals(0, line(snapshot, "london").waiting(), "wrong region and language at the first step");
        assertEquals(0, line(snapshot, "closed").waiting(), "a closed association is not expected to answer");
        assertEquals(Map.of("local", 1L, "anyone", 0L), line(snapshot, "lille").waitingByStep());
        assertEquals(List.of(new DashboardSnapshot.StepLine("local", 1), new DashboardSnapshot.StepLine("anyone", 0)),
                snapshot.steps());
        assertEquals(Duration.ofSeconds(30), line(snapshot, "lille").longestWait());

        WaitingConversation widened = waiting("a", "59", "fr", false, Duration.ofSeconds(90), 1);
        snapshot = dashboard.snapshot(new QueueView(List.of(widened), 1), reading(Map.of(), List.of()), NOW);
        assertEquals(1, line(snapshot, "london").waiting(), "the last step targets anyone open");
        assertEquals(1, line(snapshot, "london").waitingByStep().get("anyone"));
        assertEquals(0, snapshot.unattributed());
    }

    @Test
    void aChatNoOpenAssociationCanTakeIsUnattributedAndTotalsCoverTheWholeQueue() {
        WaitingConversation nobody = waiting("a", "59", "de", false, Duration.ofMinutes(3), 0);
        DashboardSnapshot snapshot = dashboard.snapshot(new QueueView(List.of(nobody), 250),
                reading(Map.of(), List.of()), NOW);
        assertEquals(1, snapshot.unattributed());
        assertEquals(250, snapshot.waiting(), "the total is the queue's size");
        assertEquals(1, snapshot.counted(), "the per-association figures cover the head read by the router");
        assertEquals(Duration.ofMinutes(3), snapshot.longestWait());
        assertTrue(snapshot.associations().stream().allMatch(line -> line.waiting() == 0));
    }

    @Test
    void counsellorsAreAvailableBusyAwayOrOffline() {
        DashboardSnapshot snapshot = dashboard.snapshot(QueueView.EMPTY, reading(Map.of(
                "lille-1", new DashboardReading.Presence(true, true, 1),
                "lille-2", new DashboardReading.Presence(true, true, 1),
                "national-1", new DashboardReading.Presence(false, true, 0),
                "london-1", new DashboardReading.Presence(true, false, 0)), List.of()), NOW);
        assertEquals(new CounsellorCounts(1, 1, 0, 0), line(snapshot, "lille").counsellors(),
                "lille-1 has room, lille-2 is at capacity");
        assertEquals(new CounsellorCounts(0, 0, 1, 0), line(snapshot, "national").counsellors());
        assertEquals(new CounsellorCounts(0, 0, 0, 1), line(snapshot, "london").counsellors(), "no live console");
        assertEquals(new CounsellorCounts(0, 0, 0, 1), line(snapshot, "closed").counsellors(), "never seen");
        assertEquals(new CounsellorCounts(1, 1, 1, 2), snapshot.counsellors());
        assertFalse(line(snapshot, "closed").hasActivity());
        assertTrue(line(snapshot, "national").hasActivity(), "a counsellor online is activity");
    }

    @Test
    void associationsAndActiveChatsComeMostUrgentFirst() {
        List<WaitingConversation> head = List.of(
                waiting("a", "london", "en", false, Duration.ofMinutes(9), 0),
                waiting("b", "59", "fr", false, Duration.ofMinutes(1), 0),
                waiting("c", "59", "fr", false, Duration.ofMinutes(2), 0),
                waiting("d", "59", "fr", true, Duration.ofSeconds(5), 0));
        long now = NOW.toEpochMilli();
        List<DashboardReading.ActiveChat> active = List.of(
                new DashboardReading.ActiveChat("long", "lille", "Amina", now - 3_600_000, now - 3_000_000, false,
                        false, Optional.empty(), Optional.empty(), 0),
                new DashboardReading.ActiveChat("risky", "national", "Louise", now - 600_000, now - 540_000, false,
                        false, Optional.of("high"), Optional.of("quick_exit"), now - 20_000),
                new DashboardReading.ActiveChat("danger", "lille", "Amina", now - 60_000, now - 50_000, true, false,
                        Optional.of("medium"), Optional.empty(), 0));
        DashboardSnapshot snapshot = dashboard.snapshot(new QueueView(head, 4), reading(Map.of(), active), NOW);

        assertEquals(List.of("lille", "national", "london", "closed"),
                snapshot.associations().stream().map(AssociationLine::id).toList(),
                "in danger first, then most waiting, then longest wait");
        assertEquals(1, line(snapshot, "lille").inDanger());
        assertEquals(Duration.ofMinutes(2), line(snapshot, "lille").longestWait());
        assertEquals(2, line(snapshot, "lille").activeChats());
        assertEquals(1, snapshot.waitingInDanger());
        assertEquals(Duration.ofMinutes(9), snapshot.longestWait());

        assertEquals(List.of("danger", "risky", "long"),
                snapshot.active().stream().map(DashboardSnapshot.ActiveLine::conversation).toList(),
                "in danger first, then high risk, then the longest");
        DashboardSnapshot.ActiveLine risky = snapshot.active().get(1);
        assertEquals(QueuePriority.PriorityClass.STANDARD, risky.priority());
        assertEquals(Duration.ofMinutes(1), risky.waited());
        assertEquals(Duration.ofMinutes(9), risky.duration());
        assertEquals(Optional.of(Duration.ofSeconds(20)), risky.visitorAwayFor());
        assertEquals(3, snapshot.activeTotal());
    }

    @Test
    void theServiceLevelCountsLateDeparturesButNotEarlyOnes() {
        assertEquals(OptionalInt.empty(), ServiceLevel.NONE.percent());
        assertEquals(OptionalInt.of(75), new ServiceLevel(4, 3, 5, 0).percent(),
                "visitors who left before the target do not count");
        assertEquals(OptionalInt.of(50), new ServiceLevel(4, 3, 5, 2).percent(), "3 in time of 4 answered + 2 late");
    }

    @Test
    void historyPointsAverageTheWaitsOfTheChatsAnsweredInTheirMinute() {
        HistoryPoint point = new HistoryPoint(29_000_000, OptionalLong.of(4),
                OptionalLong.empty(), 3, 90_000);
        assertEquals(29_000_000L * 60_000, point.startMillis());
        assertEquals(OptionalLong.of(30_000), point.averageWaitMillis());
        assertTrue(new HistoryPoint(1, OptionalLong.empty(), OptionalLong.empty(), 0, 0)
                .averageWaitMillis().isEmpty());
    }
}
