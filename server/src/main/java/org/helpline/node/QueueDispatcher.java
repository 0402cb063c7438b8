package org.helpline.node;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.helpline.config.HelplineConfig;
import org.helpline.domain.Assignment;
import org.helpline.domain.Association;
import org.helpline.domain.CounsellorBoard;
import org.helpline.domain.CounsellorKinds;
import org.helpline.domain.QueueView;
import org.helpline.domain.ReachableCounsellor;
import org.helpline.domain.StepRouting;
import org.helpline.domain.WaitingConversation;
import org.helpline.metrics.HelplineGauges;
import org.helpline.metrics.RoutingMeters;
import org.helpline.store.CounsellorStore;
import org.helpline.store.DeadlineStore;
import org.helpline.store.EventChannels;
import org.helpline.store.FailureLog;
import org.helpline.store.Keys;
import org.helpline.store.QueueStore;
import org.helpline.store.RoutingEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Matches the head of the queue with reachable counsellors (and, when the head leaves one of them a free place, a
 * slice of the queue further back: {@link FurtherBack}). Every node runs one: rounds are triggered by routing events
 * (a chat queued or given back, a counsellor available, capacity freed, a step widened) and by a periodic tick while
 * chats wait, and when a wrap-up ends while chats wait. A round reads only the counsellors who may have a place (its
 * {@link CounsellorBoard}: those who had a free place when last read, once their wrap-up has ended, and those an event
 * named since; while no chat waits, only those named); every {@link #WHOLE_READ_TICKS}
 * ticks, when the pub/sub connection comes back, after a failed round or when an event names nobody, it reads every
 * available counsellor (the safety net for what no event announced). It reads the queue's head only when one of them
 * has a free place, and an event that only adds a waiting chat (queued, a step widened, danger) starts no round while
 * nobody may have a place: a long queue with every counsellor busy costs nothing per arrival, and a round costs what
 * may be assigned, not how many consoles are open. The policy only proposes; each proposal goes through the atomic
 * claim ({@link RoundClaims}), so racing nodes cannot double-assign.
 */
public final class QueueDispatcher extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(QueueDispatcher.class);
    static final int HEAD_SIZE = 200;
    static final long TICK_MILLIS = 1000;
    /**
     * How many counsellors who may have a place a round reads first, besides those named since the last round; each
     * further read while a chat of the head gets nobody reads twice as many, up to {@link CounsellorStore#READ_CHUNK}.
     * The board lists them by routing's preference, so the first few usually serve a short head: a round costs about
     * what it assigns, not how many counsellors have free places (all of them, while thousands of consoles wait for
     * their first chats).
     */
    static final int FIRST_READ = 32;
    /** The least time between the starts of two rounds of a node ({@link RoundPacer}). */
    static final Duration ROUND_GAP = Duration.ofMillis(20);
    /** Ticks between reads of every available counsellor (the catch-all; the board feeds the gauges). */
    static final int WHOLE_READ_TICKS = 15;

    private final QueueStore queue;
    private final CounsellorStore counsellors;
    private final EventChannels events;
    private final HelplineConfig config;
    private final StepRouting policy;
    private final HelplineGauges gauges;
    private final RoutingMeters meters;
    private final Clock clock;
    private final Map<String, Association> associations;
    private final CounsellorKinds kinds;
    private final RoundClaims claims;
    private final StepPassing steps;
    private final FurtherBack furtherBack;
    private EventChannels.Subscription wakeUps;
    private RoundPacer rounds;
    private final CounsellorBoard board = new CounsellorBoard();
    private boolean wholeReadDue = true;
    private boolean chatsQueuedSinceRound;
    private List<WaitingConversation> lastHead = List.of();
    private volatile List<ReachableCounsellor> lastReachable = List.of();
    private boolean headRead;
    private int ticks;
    private long wrapUpWake = -1;
    private Instant wrapUpWakeAt = Instant.MAX;
    private volatile QueueView queueView = QueueView.EMPTY;

    public QueueDispatcher(QueueStore queue, CounsellorStore counsellors, DeadlineStore deadlines,
                           EventChannels events, HelplineConfig config, StepRouting policy, HelplineGauges gauges,
                           RoutingMeters meters, Clock clock) {
        this.queue = queue;
        this.counsellors = counsellors;
        this.events = events;
        this.config = config;
        this.policy = policy;
        this.gauges = gauges;
        this.meters = meters;
        this.clock = clock;
        this.associations = config.associationsById();
        this.kinds = new CounsellorKinds(config.counsellors());
        this.claims = new RoundClaims(queue, config, meters);
        this.steps = new StepPassing(deadlines, policy, config.routing(), kinds);
        this.furtherBack = new FurtherBack(queue, clock, HEAD_SIZE);
    }

    @Override
    public Future<?> start() {
        rounds = new RoundPacer(vertx, ROUND_GAP, this::paced);
        vertx.setPeriodic(TICK_MILLIS, id -> {
            if (++ticks >= WHOLE_READ_TICKS) {
                ticks = 0;
                wholeReadDue = true;
            }
            if (wholeReadDue || queueView.waiting() > 0) {
                requestRound();
            }
            sampleGauges();
        });
        return events.subscribe(Keys.ROUTING_CHANNEL, this::routingEvent, this::readWholeAgain)
                .onSuccess(subscription -> {
                    wakeUps = subscription;
                    requestRound();
                });
    }

    @Override
    public Future<?> stop() {
        if (wakeUps != null) {
            wakeUps.cancel();
        }
        vertx.cancelTimer(wrapUpWake);
        return Future.succeededFuture();
    }

    private void routingEvent(String published) {
        RoutingEvent event = RoutingEvent.parse(published);
        if (event.aboutACounsellor()) {
            chatsQueuedSinceRound |= event.kind() == RoutingEvent.Kind.CHATS_REQUEUED;
            if (event.subject().isEmpty()) {
                wholeReadDue = true; // from a node that names nobody (an older version): read everyone
            } else {
                board.name(event.subject());
            }
        } else {
            chatsQueuedSinceRound = true;
            if (!board.anyFreePlace(clock.instant())) {
                if (wrapUpWakeAt.equals(Instant.MAX)) { // a timer set by the last round knows the board's first end
                    wakeAtNextWrapUpEnd(); // nobody can take the chat now: a wrap-up's end, or an event, starts a round
                }
                return;
            }
        }
        requestRound();
    }

    /** The pub/sub connection came back: events may have been missed. */
    private void readWholeAgain() {
        wholeReadDue = true;
        requestRound();
    }

    private void requestRound() {
        rounds.request();
    }

    /**
     * One round, its failure logged (and everyone read at the next); whether another should follow: a round that gave
     * chats away may have left more waiting behind the head it read.
     */
    private Future<Boolean> paced() {
        return Future.succeededFuture().compose(begin -> round()).map(assigned -> { // a throw fails the round
            chatsQueuedSinceRound |= assigned > 0;
            return assigned > 0;
        }).recover(failure -> {
            wholeReadDue = true; // the names read in this round are forgotten: read everyone next time
            FailureLog.log(LOG, "Routing round", failure);
            return Future.succeededFuture(false);
        });
    }

    /** One round; returns how many conversations were offered or assigned. */
    private Future<Integer> round() {
        boolean chatsWait = chatsQueuedSinceRound || queueView.waiting() > 0;
        chatsQueuedSinceRound = false;
        return read(chatsWait)
                .compose(reading -> untilAPlace(reading, chatsWait))
                .compose(reading -> {
                    if (!chatsWait || !board.anyFreePlace(clock.instant())) {
                        // chats still wait: the round that finds a place (an event naming one) reads the head
                        chatsQueuedSinceRound |= chatsWait;
                        return Future.succeededFuture(end(reading, 0));
                    }
                    return queue.head(HEAD_SIZE).compose(head -> {
                        lastHead = head;
                        headRead = true;
                        return assign(head, reading);
                    }).map(assigned -> end(reading, assigned));
                });
    }

    /**
     * Reads every available counsellor when due; else, while chats wait, those named and the first {@link #FIRST_READ}
     * of those on the board who may have a place (more when the head needs them), and while none does, only those
     * named since the last round (with thousands of consoles coming online and nobody waiting, each round would
     * otherwise read every free counsellor).
     */
    private Future<BoardReading> read(boolean chatsWait) {
        if (wholeReadDue) {
            wholeReadDue = false;
            board.toRead(false, clock.instant()); // the names given so far: this read covers them
            return counsellors.reachable().map(found -> {
                board.readAll(found);
                return new BoardReading(counsellors, board, List.of(), found, 0);
            });
        }
        int named = board.namedCount();
        List<String> toRead = board.toRead(chatsWait, clock.instant());
        BoardReading reading = new BoardReading(counsellors, board, toRead, List.of(), named + FIRST_READ);
        return reading.next().map(reading);
    }

    /**
     * While chats wait and nobody on the board has a free place as last read, reads on, up to
     * {@link CounsellorStore#READ_CHUNK} in all: those read first may have lost their places to another node's round
     * since, and a place may be further down the board than the first chunk.
     */
    private Future<BoardReading> untilAPlace(BoardReading reading, boolean chatsWait) {
        if (!chatsWait || board.anyFreePlace(clock.instant()) || !reading.hasMore()
                || reading.readSoFar() >= CounsellorStore.READ_CHUNK) {
            return Future.succeededFuture(reading);
        }
        return reading.next().compose(read -> untilAPlace(reading, chatsWait));
    }

    /**
     * Proposes the head to the counsellors read in this round; while a chat of the head gets nobody, or a counsellor
     * not read yet may be preferred to one proposed a chat, and some who may have a place are not read yet, reads the
     * next of them first. When someone read is left with a free place, a slice of the queue after the head may be
     * proposed too ({@link FurtherBack}). Then claims each proposal.
     */
    private Future<Integer> assign(List<WaitingConversation> head, BoardReading reading) {
        if (head.isEmpty()) {
            return Future.succeededFuture(0);
        }
        Instant now = clock.instant();
        List<ReachableCounsellor> ready = ready(reading.found(), now);
        List<Assignment> proposals = policy.propose(head, ready, now);
        if (reading.hasMore() && (proposals.size() < head.size() || reading.mayFindBetter(proposals, now))) {
            return reading.next().compose(read -> assign(head, reading));
        }
        long waiting = queueView.waiting();
        if (furtherBack.due(head, waiting, () -> policy.openPlaces(ready, now), proposals.size())) {
            return furtherBack.withNextSlice(head, waiting).recover(failure -> {
                FailureLog.log(LOG, "Reading the queue behind its head", failure);
                return Future.succeededFuture(head); // the head's proposals are claimed all the same
            }).compose(withSlice -> claims.claim(policy.propose(withSlice, ready, now)));
        }
        return claims.claim(proposals);
    }

    /** The counsellors a chat may go to now: one in wrap-up after a chat ended is reachable but gets no chat yet. */
    private static List<ReachableCounsellor> ready(List<ReachableCounsellor> reachable, Instant now) {
        return reachable.stream().filter(counsellor -> !counsellor.wrappingUpAt(now)).toList();
    }

    /**
     * The round ends: the board as read is what others see; those it was to read and did not, unless the board holds
     * them as maybe having a place, are named again, and read by the next round (a name is never dropped).
     */
    private int end(BoardReading reading, int assigned) {
        lastReachable = board.reachable();
        if (reading.leaveUnread(clock.instant())) {
            requestRound(); // runs once this round has ended
        }
        if (chatsQueuedSinceRound || queueView.waiting() > 0) {
            wakeAtNextWrapUpEnd();
        }
        return assigned;
    }

    /** Chats wait: a round when the first wrap-up of someone with a free place ends (no event says so). */
    private void wakeAtNextWrapUpEnd() {
        Instant now = clock.instant();
        board.nextWrapUpEnd(now).filter(end -> end.isBefore(wrapUpWakeAt)).ifPresent(end -> {
            vertx.cancelTimer(wrapUpWake);
            wrapUpWakeAt = end;
            wrapUpWake = vertx.setTimer(Duration.between(now, end).toMillis() + 1, id -> {
                wrapUpWakeAt = Instant.MAX;
                requestRound();
            });
        });
    }

    /** The counsellors who can be given a chat, as the node's board last read them (15 s ago at most; any thread). */
    public List<ReachableCounsellor> reachable() {
        return lastReachable;
    }

    /** The queue as the last round saw it, with the count sampled since (read from any thread). */
    public QueueView queueView() {
        return queueView;
    }

    /**
     * Counts read now; the queue head as the last round saw it when it read the head since the last tick, else read
     * now (its first {@link #HEAD_SIZE} only); the counsellors as the last round (a tick ago at most) saw them. The
     * head's chats waiting at a step nobody can answer are passed on ({@link StepPassing}).
     */
    private void sampleGauges() {
        Future<List<WaitingConversation>> head = headRead ? Future.succeededFuture(lastHead) : queue.head(HEAD_SIZE);
        headRead = false;
        Future.all(queue.waitingCount(), queue.activeCount(), head, queue.offered(HEAD_SIZE), queue.offeredCount())
                .onSuccess(state -> {
                    lastHead = state.resultAt(2);
                    queueView = new QueueView(lastHead, state.<Long>resultAt(0), state.resultAt(3),
                            state.<Long>resultAt(4));
                    steps.pass(lastHead, clock.instant());
                    gauges.update(sample(lastHead, state.resultAt(0), state.resultAt(1), lastReachable));
                });
    }

    private HelplineGauges.Sample sample(List<WaitingConversation> head, long waiting, long active,
                                         List<ReachableCounsellor> reachable) {
        Map<String, Long> byStep = new HashMap<>();
        policy.steps().forEach(step -> byStep.put(step.name(), 0L));
        Map<String, Long> byAssociation = new HashMap<>();
        associations.keySet().forEach(id -> byAssociation.put(id, 0L));
        Instant now = clock.instant();
        for (WaitingConversation conversation : head) {
            byStep.merge(policy.step(conversation.step()).name(), 1L, Long::sum);
            policy.targets(conversation, kinds, now)
                    .forEach(id -> byAssociation.merge(id, 1L, Long::sum));
        }
        long free = reachable.stream().filter(counsellor -> counsellor.freeCapacity() > 0).count();
        long load = reachable.stream().mapToLong(ReachableCounsellor::load).sum();
        long capacity = reachable.stream().mapToLong(counsellor -> counsellor.counsellor().capacity()).sum();
        return new HelplineGauges.Sample(waiting, active, free, reachable.size() - free,
                capacity == 0 ? 0 : (double) load / capacity, byStep, byAssociation);
    }
}
