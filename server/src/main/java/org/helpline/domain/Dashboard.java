package org.helpline.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.helpline.domain.DashboardSnapshot.ActiveLine;
import org.helpline.domain.DashboardSnapshot.AssociationLine;
import org.helpline.domain.DashboardSnapshot.AwayLine;
import org.helpline.domain.DashboardSnapshot.CounsellorCounts;
import org.helpline.domain.DashboardSnapshot.StepLine;

/**
 * Assembles the supervisor dashboard from the queue as the router last saw it and what the store read. A waiting chat
 * (in the queue, or offered to a counsellor who has not accepted: nobody has answered it yet) is counted under every
 * association its current routing step targets ({@link StepRouting#targets}): those a supervisor expects to answer it
 * now. So one chat may count under several associations, and a chat nobody open can take counts as unattributed.
 */
public final class Dashboard {
    /** Active chats listed at most (the most urgent); the total is always given. */
    public static final int MAX_ACTIVE_LISTED = 500;
    private static final List<String> RISK_ORDER = List.of("high", "medium", "standard");

    private final StepRouting routing;
    private final List<Association> associations;
    private final List<Counsellor> counsellors;
    private final CounsellorKinds kinds;

    public Dashboard(StepRouting routing, List<Association> associations, List<Counsellor> counsellors) {
        this.routing = routing;
        this.associations = List.copyOf(associations);
        this.counsellors = List.copyOf(counsellors);
        this.kinds = new CounsellorKinds(counsellors);
    }

    public DashboardSnapshot snapshot(QueueView queue, DashboardReading reading, Instant now) {
        Map<String, Tally> tallies = new LinkedHashMap<>();
        associations.forEach(association -> tallies.put(association.id(), new Tally(association, now)));
        Map<String, Long> byStep = zeroPerStep();
        long unattributed = 0;
        long inDanger = 0;
        List<WaitingConversation> counted = queue.counted();
        for (WaitingConversation conversation : counted) {
            String step = routing.step(conversation.step()).name();
            boolean danger = conversation.triage().inDanger();
            Duration waited = waited(conversation, now);
            byStep.merge(step, 1L, Long::sum);
            inDanger += danger ? 1 : 0;
            var targets = routing.targets(conversation, kinds, now);
            unattributed += targets.isEmpty() ? 1 : 0;
            targets.stream().map(tallies::get).filter(Objects::nonNull)
                    .forEach(tally -> tally.waitingChat(step, danger, waited));
        }
        CounsellorCounts all = CounsellorCounts.NONE;
        List<AwayLine> away = new ArrayList<>();
        for (Counsellor counsellor : counsellors) {
            CounsellorState state = stateOf(counsellor, reading);
            all = all.plus(state);
            if (state == CounsellorState.AWAY) {
                away.add(new AwayLine(counsellor.displayName(), counsellor.associationId(),
                        reading.presence().get(counsellor.id()).awayReason()));
            }
            Tally tally = tallies.get(counsellor.associationId());
            if (tally != null) {
                tally.counsellors = tally.counsellors.plus(state);
            }
        }
        List<ActiveLine> active = new ArrayList<>();
        for (DashboardReading.ActiveChat chat : reading.active()) {
            active.add(activeLine(chat, now));
            Tally holder = tallies.get(chat.association());
            if (holder != null) {
                holder.activeChats++;
            }
        }
        active.sort(Comparator.comparing(ActiveLine::priority)
                .thenComparingInt(line -> line.risk().map(RISK_ORDER::indexOf).orElse(RISK_ORDER.size()))
                .thenComparing(ActiveLine::duration, Comparator.reverseOrder())
                .thenComparing(ActiveLine::conversation));
        List<AssociationLine> lines = new ArrayList<>(tallies.values().stream().map(Tally::line).toList());
        lines.sort(Comparator.comparingLong(AssociationLine::inDanger).reversed()
                .thenComparing(Comparator.comparingLong(AssociationLine::waiting).reversed())
                .thenComparing(AssociationLine::longestWait, Comparator.reverseOrder())
                .thenComparing(AssociationLine::name, Alphabetical.ORDER));
        List<StepLine> steps = byStep.entrySet().stream()
                .map(entry -> new StepLine(entry.getKey(), entry.getValue())).toList();
        return new DashboardSnapshot(now, queue.waitingInAll(), counted.size(),
                inDanger, longestWait(counted, now), steps, unattributed, List.copyOf(lines), all,
                List.copyOf(active.subList(0, Math.min(active.size(), MAX_ACTIVE_LISTED))), active.size(),
                reading.lastHour(), reading.today(), reading.outcomeTags(), reading.endings(), reading.history(),
                away);
    }

    /** The longest any of these chats has waited since it arrived (zero for none). */
    public static Duration longestWait(List<WaitingConversation> head, Instant now) {
        return head.stream().map(conversation -> waited(conversation, now)).max(Comparator.naturalOrder())
                .orElse(Duration.ZERO);
    }

    private static Duration waited(WaitingConversation conversation, Instant now) {
        return since(conversation.arrivedAt(), now);
    }

    private static Duration since(long epochMillis, Instant now) {
        return Duration.ofMillis(Math.max(0, now.toEpochMilli() - epochMillis));
    }

    private static CounsellorState stateOf(Counsellor counsellor, DashboardReading reading) {
        DashboardReading.Presence presence = reading.presence().get(counsellor.id());
        return presence == null ? CounsellorState.OFFLINE
                : CounsellorState.of(presence.available(), presence.online(), presence.load(), counsellor.capacity());
    }

    private static ActiveLine activeLine(DashboardReading.ActiveChat chat, Instant now) {
        return new ActiveLine(chat.conversation(), chat.association(), chat.counsellorName(),
                QueuePriority.classOf(chat.inDanger(), chat.childrenInvolved()), chat.risk(),
                Duration.ofMillis(Math.max(0, chat.answeredAt() - chat.createdAt())), since(chat.answeredAt(), now),
                chat.visitorAway(), chat.visitorAway().map(reason -> since(chat.visitorAwaySince(), now)));
    }

    private Map<String, Long> zeroPerStep() {
        Map<String, Long> byStep = new LinkedHashMap<>();
        routing.steps().forEach(step -> byStep.put(step.name(), 0L));
        return byStep;
    }

    /** One association's figures while they are being counted. */
    private final class Tally {
        final Association association;
        final boolean open;
        final Map<String, Long> byStep = zeroPerStep();
        long waiting;
        long inDanger;
        Duration longestWait = Duration.ZERO;
        CounsellorCounts counsellors = CounsellorCounts.NONE;
        long activeChats;

        Tally(Association association, Instant now) {
            this.association = association;
            this.open = association.openingHours().isOpen(now);
        }

        void waitingChat(String step, boolean danger, Duration waited) {
            waiting++;
            inDanger += danger ? 1 : 0;
            byStep.merge(step, 1L, Long::sum);
            if (waited.compareTo(longestWait) > 0) {
                longestWait = waited;
            }
        }

        AssociationLine line() {
            return new AssociationLine(association.id(), association.name(), open, waiting,
                    Collections.unmodifiableMap(new LinkedHashMap<>(byStep)), inDanger, longestWait,
                    counsellors, activeChats);
        }
    }
}
