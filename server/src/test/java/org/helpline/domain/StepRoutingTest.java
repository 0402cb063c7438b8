package org.helpline.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The routing policy, pure: steps, widening, priority and aging, counsellor choice, opening hours. */
class StepRoutingTest {
    /** A Wednesday, 10:00 in Paris. */
    private static final Instant NOW = Instant.parse("2026-11-18T09:00:00Z");
    /** A Sunday, 10:00 in Paris: outside office hours. */
    private static final Instant SUNDAY = Instant.parse("2026-11-22T09:00:00Z");
    private static final Set<String> TOPICS = Set.of("physical", "legal-advice", "shelter");

    private static final Association LILLE = new Association("lille", "Lille", TOPICS, Set.of("59"),
            Set.of("fr"), OpeningHours.always(), 3, RoutingMode.OFFER, true);
    private static final Association LEGAL = new Association("legal", "Legal", Set.of("legal-advice"),
            Set.of("59"), Set.of("fr"), officeHours(), 2, RoutingMode.OFFER, false);
    private static final Association LONDON = new Association("london", "London", TOPICS, Set.of("london"),
            Set.of("en"), OpeningHours.always(), 3, RoutingMode.DIRECT, false);
    private static final Association NATIONAL = new Association("national", "National", Set.of("physical"),
            Set.of(Association.NATIONAL), Set.of("fr", "en"), OpeningHours.always(), 3, RoutingMode.DIRECT, false);

    private static final List<RoutingStep> STEPS = List.of(
            new RoutingStep("local", Set.of(Criterion.REGION, Criterion.TOPIC, Criterion.LANGUAGE),
                    Duration.ofSeconds(60)),
            new RoutingStep("topic-language", Set.of(Criterion.TOPIC, Criterion.LANGUAGE), Duration.ofSeconds(120)),
            new RoutingStep("language", Set.of(Criterion.LANGUAGE), Duration.ofSeconds(180)),
            new RoutingStep("anyone", Set.of(), Duration.ZERO));

    private final StepRouting policy = new StepRouting(STEPS, Map.of("lille", LILLE, "legal", LEGAL,
            "london", LONDON, "national", NATIONAL));

    private static OpeningHours officeHours() {
        Map<DayOfWeek, List<OpeningHours.TimeRange>> week = new HashMap<>();
        for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY)) {
            week.put(day, List.of(new OpeningHours.TimeRange(LocalTime.of(9, 0), LocalTime.of(17, 0))));
        }
        return OpeningHours.weekly(ZoneId.of("Europe/Paris"), week);
    }

    private static Counsellor counsellor(String id, Association association, String... languages) {
        Set<String> spoken = languages.length == 0 ? association.languages() : Set.of(languages);
        return new Counsellor(id, id, association.id(), spoken, association.topics(), 2, "x", false, false);
    }

    private static ReachableCounsellor reachable(Counsellor counsellor, int load, long lastAssignedAt) {
        return new ReachableCounsellor(counsellor, load, lastAssignedAt);
    }

    private static Triage triage(String language, String region, String topic, boolean children, boolean danger) {
        return new Triage(Optional.empty(), Optional.ofNullable(language), Optional.ofNullable(region),
                Optional.ofNullable(topic), children, danger);
    }

    private static WaitingConversation waiting(String id, Triage triage, long arrival, int step) {
        return new WaitingConversation(id, QueuePriority.score(triage, arrival, PrioritySettings.defaults()),
                arrival, triage, step, Set.of());
    }

    @Test
    void theFirstStepWantsRegionTopicAndLanguage() {
        Triage lilleLegal = triage("fr", "59", "legal-advice", false, false);
        WaitingConversation conversation = waiting("c", lilleLegal, 0, 0);
        assertTrue(policy.admits(conversation, counsellor("lille-1", LILLE), NOW));
        assertTrue(policy.admits(conversation, counsellor("legal-1", LEGAL), NOW));
        assertFalse(policy.admits(conversation, counsellor("london-1", LONDON), NOW), "wrong region and language");
        assertFalse(policy.admits(conversation, counsellor("national-1", NATIONAL), NOW), "does not take legal");
    }

    @Test
    void eachStepWidensTheCircle() {
        Triage parisPhysical = triage("fr", "75", "physical", false, false);
        Counsellor lille = counsellor("lille-1", LILLE);
        Counsellor national = counsellor("national-1", NATIONAL);
        Counsellor london = counsellor("london-1", LONDON);
        assertFalse(policy.admits(waiting("c", parisPhysical, 0, 0), lille, NOW), "Lille does not serve Paris");
        assertTrue(policy.admits(waiting("c", parisPhysical, 0, 0), national, NOW), "national serves everywhere");
        assertTrue(policy.admits(waiting("c", parisPhysical, 0, 1), lille, NOW), "step 2: topic and language");
        assertFalse(policy.admits(waiting("c", parisPhysical, 0, 2), london, NOW), "step 3: still French");
        assertTrue(policy.admits(waiting("c", parisPhysical, 0, 3), london, NOW), "step 4: anyone");
        assertTrue(policy.admits(waiting("c", parisPhysical, 0, 9), london, NOW), "past the end: the last step");
    }

    @Test
    void anUnansweredQuestionMatchesEveryone() {
        WaitingConversation silent = waiting("c", Triage.none(), 0, 0);
        assertTrue(policy.admits(silent, counsellor("london-1", LONDON), NOW));
        assertTrue(policy.admits(silent, counsellor("lille-1", LILLE), NOW));
    }

    @Test
    void aClosedAssociationGetsNothing() {
        WaitingConversation legal = waiting("c", triage("fr", "59", "legal-advice", false, false), 0, 0);
        Instant sundayNight = Instant.parse("2026-11-22T21:00:00Z");
        assertFalse(policy.admits(legal, counsellor("legal-1", LEGAL), sundayNight));
        assertTrue(policy.propose(List.of(legal), List.of(reachable(counsellor("legal-1", LEGAL), 0, 0)),
                sundayNight).isEmpty());
    }

    @Test
    void dangerThenChildrenThenArrivalOrder() {
        long t = NOW.toEpochMilli();
        List<WaitingConversation> queue = List.of(
                waiting("early", triage(null, null, null, false, false), t - 60_000, 3),
                waiting("children", triage(null, null, null, true, false), t, 3),
                waiting("danger", triage(null, null, null, false, true), t, 3),
                waiting("late", triage(null, null, null, false, false), t, 3));
        Counsellor one = new Counsellor("one", "one", "national", Set.of("fr"), Set.of("physical"), 4, "x", false,
                false);
        List<Assignment> assignments = policy.propose(queue, List.of(reachable(one, 0, 0)), NOW);
        assertEquals(List.of("danger", "children", "early", "late"),
                assignments.stream().map(Assignment::conversationId).toList());
    }

    @Test
    void agingLetsALongWaitOvertakeAFreshPriority() {
        long t = NOW.toEpochMilli();
        PrioritySettings settings = PrioritySettings.defaults();
        double standardWaiting3h = QueuePriority.score(Triage.none(), t - Duration.ofHours(3).toMillis(), settings);
        double dangerNow = QueuePriority.score(triage(null, null, null, false, true), t, settings);
        double childrenNow = QueuePriority.score(triage(null, null, null, true, false), t, settings);
        double standardWaiting10m = QueuePriority.score(Triage.none(), t - Duration.ofMinutes(10).toMillis(),
                settings);
        assertTrue(standardWaiting3h < dangerNow, "three hours of waiting beat a two-hour head start");
        assertTrue(childrenNow < standardWaiting10m, "a twenty-minute head start beats ten minutes of waiting");
        assertEquals(QueuePriority.PriorityClass.IN_DANGER,
                QueuePriority.classOf(triage(null, null, null, true, true)));
    }

    @Test
    void theLeastLoadedThenTheLongestIdleCounsellorIsChosen() {
        Counsellor busy = counsellor("a-busy", LILLE);
        Counsellor recent = counsellor("b-recent", LILLE);
        Counsellor idle = counsellor("c-idle", LILLE);
        WaitingConversation conversation = waiting("c", triage("fr", "59", "physical", false, false), 0, 0);
        List<Assignment> chosen = policy.propose(List.of(conversation), List.of(reachable(busy, 1, 0),
                reachable(recent, 0, NOW.toEpochMilli() - 1_000), reachable(idle, 0, NOW.toEpochMilli() - 600_000)),
                NOW);
        assertEquals("c-idle", chosen.get(0).counsellorId());
    }

    @Test
    void proposalsSpreadLoadAndNeverExceedCapacity() {
        List<WaitingConversation> queue = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            queue.add(waiting("c" + i, Triage.none(), i, 3));
        }
        List<ReachableCounsellor> counsellors = List.of(reachable(counsellor("a", LILLE), 1, 0),
                reachable(counsellor("b", LILLE), 0, 0), reachable(counsellor("full", LILLE), 2, 0));
        Map<String, Integer> given = new HashMap<>();
        policy.propose(queue, counsellors, NOW).forEach(a -> given.merge(a.counsellorId(), 1, Integer::sum));
        assertEquals(Map.of("a", 1, "b", 2), given);
    }

    @Test
    void aCounsellorWhoDeclinedIsNotProposedAgain() {
        Triage any = Triage.none();
        WaitingConversation declined = new WaitingConversation("c", 0, 0, any, 3, Set.of("a"));
        List<Assignment> chosen = policy.propose(List.of(declined), List.of(reachable(counsellor("a", LILLE), 0, 0),
                reachable(counsellor("b", LILLE), 1, 0)), NOW);
        assertEquals("b", chosen.get(0).counsellorId());
        assertFalse(policy.admits(declined, counsellor("a", LILLE), NOW));
    }

    @Test
    void proposalsByKindAreThoseOfCheckingEveryCounsellor() {
        Random random = new Random(14);
        List<Association> associations = List.of(LILLE, LEGAL, LONDON, NATIONAL);
        List<String> languages = List.of("fr", "en");
        List<String> regions = List.of("59", "london", "75");
        List<String> topics = List.of("physical", "legal-advice", "shelter");
        for (int round = 0; round < 300; round++) {
            Instant now = round % 3 == 0 ? SUNDAY : NOW; // on Sunday the legal association is closed
            List<ReachableCounsellor> counsellors = new ArrayList<>();
            for (int i = 0, n = 1 + random.nextInt(40); i < n; i++) {
                Association association = associations.get(random.nextInt(associations.size()));
                Counsellor counsellor = new Counsellor("k" + i, "k" + i, association.id(),
                        Set.of(pick(random, languages)), random.nextBoolean() ? association.topics()
                        : Set.of(pick(random, topics)), 1 + random.nextInt(3), "x", false, false);
                counsellors.add(reachable(counsellor, random.nextInt(counsellor.capacity() + 1),
                        random.nextInt(4) * 1_000L));
            }
            List<WaitingConversation> queue = new ArrayList<>();
            for (int j = 0, n = 1 + random.nextInt(30); j < n; j++) {
                Triage triage = triage(maybe(random, languages), maybe(random, regions), maybe(random, topics),
                        random.nextInt(5) == 0, random.nextInt(7) == 0);
                Set<String> declined = new HashSet<>();
                for (int k = random.nextInt(4) == 0 ? 1 + random.nextInt(2) : 0; k > 0; k--) {
                    declined.add(pick(random, counsellors).id());
                }
                queue.add(new WaitingConversation("c" + j, QueuePriority.score(triage, j, PrioritySettings.defaults()),
                        j, triage, random.nextInt(STEPS.size()), declined));
            }
            assertEquals(checkingEveryCounsellor(queue, counsellors, now), policy.propose(queue, counsellors, now),
                    "round " + round);
        }
    }

    @Test
    void anAssociationIsTargetedWhileOneOfItsCounsellorsHasNotDeclined() {
        Counsellor first = counsellor("a", LILLE);
        Counsellor second = counsellor("b", LILLE);
        Triage any = Triage.none();
        CounsellorKinds both = new CounsellorKinds(List.of(first, second));
        assertEquals(Set.of("lille"), policy.targets(new WaitingConversation("c", 0, 0, any, 3, Set.of("a")), both,
                NOW));
        assertEquals(Set.of(), policy.targets(new WaitingConversation("c", 0, 0, any, 3, Set.of("a", "b")), both,
                NOW));
    }

    /**
     * On Sunday the legal association (office hours) is closed: a legal chat from Lille that only it could take at
     * the first two steps is due at the third, where the national line takes French; once the national line is
     * excluded too, no step from hers on has anyone, and a chat whose own step has someone stays there.
     */
    @Test
    void aChatIsDueAtTheFirstStepFromHersThatTargetsAnAssociationOpenNow() {
        Counsellor legal = counsellor("legal-1", LEGAL);
        Counsellor national = counsellor("national-1", NATIONAL);
        CounsellorKinds kinds = new CounsellorKinds(List.of(legal, national));
        WaitingConversation lilleLegal = waiting("c", triage("fr", "59", "legal-advice", false, false), 0, 0);
        assertEquals(OptionalInt.of(0), policy.stepNow(lilleLegal, kinds, NOW), "its own step, on a weekday");
        assertEquals(OptionalInt.of(2), policy.stepNow(lilleLegal, kinds, SUNDAY));
        WaitingConversation declined = new WaitingConversation("c", 0, 0, lilleLegal.triage(), 0,
                Set.of("national-1"));
        assertEquals(OptionalInt.empty(), policy.stepNow(declined, kinds, SUNDAY), "closed for her need");
    }

    /** The policy as first written: every chat in queue order to the preferred of every counsellor who may take it. */
    private List<Assignment> checkingEveryCounsellor(List<WaitingConversation> waiting,
                                                     List<ReachableCounsellor> counsellors, Instant now) {
        Map<String, Integer> load = new HashMap<>();
        Map<String, Long> lastAssignedAt = new HashMap<>();
        counsellors.forEach(counsellor -> {
            load.put(counsellor.id(), counsellor.load());
            lastAssignedAt.put(counsellor.id(), counsellor.lastAssignedAt());
        });
        List<Assignment> assignments = new ArrayList<>();
        for (WaitingConversation conversation : StepRouting.inQueueOrder(waiting)) {
            counsellors.stream()
                    .filter(counsellor -> load.get(counsellor.id()) < counsellor.counsellor().capacity())
                    .filter(counsellor -> policy.admits(conversation, counsellor.counsellor(), now))
                    .min(Comparator.comparing((ReachableCounsellor counsellor) -> load.get(counsellor.id()))
                            .thenComparing(counsellor -> lastAssignedAt.get(counsellor.id()))
                            .thenComparing(ReachableCounsellor::id))
                    .ifPresent(counsellor -> {
                        load.merge(counsellor.id(), 1, Integer::sum);
                        lastAssignedAt.put(counsellor.id(), now.toEpochMilli());
                        assignments.add(new Assignment(conversation.id(), counsellor.id()));
                    });
        }
        return assignments;
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    @Test
    void aCounsellorNotReadMayBePreferredOnlyToOneGivenAChatInAWorseState() {
        ReachableCounsellor first = reachable(counsellor("a", LILLE, "fr"), 0, 100);
        ReachableCounsellor second = reachable(counsellor("b", LILLE, "fr"), 0, 200);
        ReachableCounsellor unread = reachable(counsellor("c", LILLE, "fr"), 0, 300);
        List<ReachableCounsellor> read = List.of(first, second);
        assertFalse(StepRouting.couldPrefer(unread, List.of(new Assignment("x", "a"), new Assignment("y", "b")), read,
                NOW), "each read counsellor got one chat, idle longer than the unread one");
        assertTrue(StepRouting.couldPrefer(unread, List.of(new Assignment("x", "a"), new Assignment("y", "a")), read,
                NOW), "a second chat to one while another, not read, may have none");
        ReachableCounsellor busier = reachable(counsellor("d", LILLE, "fr"), 1, 50);
        assertTrue(StepRouting.couldPrefer(unread, List.of(new Assignment("x", "d")), List.of(busier), NOW),
                "read with a higher load than the unread one shows");
        assertFalse(StepRouting.couldPrefer(unread, List.of(), read, NOW), "no proposal, nobody to beat");
    }

    private static String maybe(Random random, List<String> values) {
        return random.nextInt(4) == 0 ? null : pick(random, values);
    }
}
