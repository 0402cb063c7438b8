package org.helpline.load;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.helpline.load.ConversationLog.Side;

/**
 * Visitors and counsellors speaking the real protocol, with everything measured: chat start to counsellor, relay both
 * ways ({@link Relays}: the send time travels in the text), queue position updates, and every error (error frames,
 * unexpected closes, starts never answered, lost and doubled messages, each message by its {@code clientId}:
 * {@link Chat}). A start is timed from when it was due ({@link Pace}), as a message is, with how late it was sent.
 */
final class Traffic {
    private static final Duration PING = Duration.ofSeconds(20);
    private static final int ENDS_PER_TENTH = 200;
    /** How long a leaving visitor waits for {@code ended} before she closes her socket anyway. */
    static final Duration LEAVE_WAIT = Duration.ofSeconds(10);
    final Latency startToCounsellor = new Latency("chat start to counsellor (assigned)");
    final Latency startToQueued = new Latency("chat start to started frame", new SlowSeconds());
    final Latency startToOpen = new Latency("chat start to socket open (connection and WebSocket handshake)");
    final Latency firstPosition = new Latency("chat start to first queue position");
    final Latency startLateness = new Latency("generator's arrivals: how late a start was sent (sent - due)");
    /** For visitors who leave ({@code stay}): from her {@code end} to her socket closed (see the starts ramp). */
    final Latency endToClosed = new Latency("visitor leaving: end sent to socket closed");
    final Relays relays = new Relays();
    final Counts counts = new Counts();
    final Map<String, Chat> chats = new ConcurrentHashMap<>();
    private final FirstAssignments assignments = new FirstAssignments(startToCounsellor, chats);
    private final LoadClient client;
    private final JsonObject triage;
    private final AtomicLong ids = new AtomicLong();
    /** Visitors whose start has had no answer yet: neither {@code started} nor an error about it. */
    private final AtomicLong startsUnanswered = new AtomicLong();
    /** The sockets of the visitors who stay, to end their chats ({@link #endAll}); added to one at a time. */
    private final Queue<WebSocket> visitors = new ConcurrentLinkedQueue<>();
    private volatile boolean sending = true;

    Traffic(LoadClient client) {
        this(client, new JsonObject());
    }

    /** Traffic whose visitors answer {@code triage} when they start a chat. */
    Traffic(LoadClient client, JsonObject triage) {
        this.client = client;
        this.triage = triage;
    }

    /**
     * Completes when {@code chats} chats have been assigned to a counsellor, or after {@code within} in any case, the
     * chats not assigned by then counted {@code error.not_assigned_in_time}.
     */
    Future<Void> assigned(int chats, Duration within) {
        return client.until(() -> startToCounsellor.histogram().getTotalCount() >= chats, within).map(all -> {
            counts.add("error.not_assigned_in_time",
                    Math.max(0, chats - startToCounsellor.histogram().getTotalCount()));
            return null;
        });
    }

    /**
     * The starts with no answer so far ({@code started}, or an error about the start): counted
     * {@code error.start_unanswered} by whoever calls it, once, when the scenario judges its starts.
     */
    long countUnansweredStarts() {
        long unanswered = startsUnanswered.get();
        counts.add("error.start_unanswered", unanswered);
        return unanswered;
    }

    void stopSending() {
        sending = false;
    }

    /**
     * A visitor who starts a chat, due at {@code dueNanos} (the start is timed from then); once answered, writes every
     * {@code every} if given; with {@code stay}, leaves.
     */
    Future<WebSocket> visitor(Optional<Duration> every, Optional<Duration> stay, long dueNanos) {
        long started = dueNanos;
        startLateness.record(System.nanoTime() - dueNanos);
        String tag = "v" + ids.incrementAndGet();
        startsUnanswered.incrementAndGet();
        return client.connect("/ws/visitor").onSuccess(socket -> {
            startToOpen.recordSince(started);
            if (stay.isEmpty()) {
                visitors.add(socket);
            }
            Chat[] chat = new Chat[1];
            AtomicLong sent = new AtomicLong();
            Resends resends = new Resends(client.vertx, socket, counts, () -> sending && client.resends);
            boolean[] positioned = new boolean[1];
            long[] leaving = {-1, 0}; // once she leaves: the timer closing her socket if no `ended` comes, and when
            boolean[] writing = new boolean[1];
            socket.textMessageHandler(text -> {
                if (UnparsedFrames.skip(text, positioned[0], counts)) {
                    return;
                }
                JsonObject frame = new JsonObject(text);
                switch (frame.getString("type")) {
                    case "started" -> {
                        resends.started();
                        startToQueued.recordSince(started);
                        chat[0] = new Chat(frame.getString("conversation"), started, counts);
                        chats.put(chat[0].conversation, chat[0]);
                        assignments.started(chat[0]);
                        stay.ifPresent(time -> client.vertx.setTimer(time.toMillis(), timer -> {
                            LoadClient.send(socket, new JsonObject().put("type", "end")); // closes once told `ended`
                            counts.add("ended.by.visitor");
                            leaving[1] = System.nanoTime();
                            leaving[0] = client.vertx.setTimer(LEAVE_WAIT.toMillis(), late -> socket.close());
                        }));
                    }
                    case "queue" -> {
                        if (!positioned[0]) {
                            positioned[0] = true;
                            firstPosition.recordSince(started);
                        }
                    }
                    case "assigned" -> {
                        if (!writing[0] && every.isPresent()) { // once: assigned again, she does not write faster
                            writing[0] = true;
                            client.periodic(every.get(), (timer, due) -> {
                                if (!sending || socket.isClosed()) {
                                    client.vertx.cancelTimer(timer);
                                    return;
                                }
                                String clientId = tag + "-" + sent.incrementAndGet();
                                chat[0].sent(Side.VISITOR, clientId);
                                resends.send(new JsonObject().put("type", "send").put("clientId", clientId)
                                        .put("text", relays.sending(due)));
                                counts.add("sent.visitor");
                            });
                        }
                    }
                    case "ack" -> {
                        String clientId = frame.getString("clientId");
                        if (resends.acknowledged(clientId)) {
                            counts.add("acked.visitor");
                        }
                        chat[0].acked(Side.VISITOR, clientId, frame.getLong("seq"),
                                frame.getBoolean("duplicate", false));
                    }
                    case "message" -> {
                        if (chat[0] != null && "counsellor".equals(frame.getString("from"))) {
                            received(frame, chat[0].toVisitor(frame.getLong("seq"), frame.getString("clientId")),
                                    "visitor");
                        }
                    }
                    case "ended" -> {
                        counts.add("frame.ended");
                        if (leaving[0] >= 0) {
                            client.vertx.cancelTimer(leaving[0]);
                            socket.close();
                        }
                    }
                    case "error" -> {
                        resends.refused(frame);
                        if (chat[0] != null) {
                            chat[0].refused(Side.VISITOR, frame.getString("ref", ""));
                        }
                    }
                    case "pong" -> { }
                    default -> counts.add("frame." + frame.getString("type"));
                }
            });
            // Like the page: a ping every 20 s, so a quiet visitor is not taken for a lost phone (120 s of silence).
            long pinger = client.vertx.setPeriodic(PING.toMillis(),
                    timer -> LoadClient.send(socket, new JsonObject().put("type", "ping")));
            socket.closeHandler(ignored -> {
                client.vertx.cancelTimer(pinger);
                if (leaving[0] >= 0) {
                    endToClosed.recordSince(leaving[1]);
                } else if (sending) {
                    counts.add("error.visitor_socket_closed");
                }
            });
            socket.exceptionHandler(failure -> counts.add("error.visitor_socket"));
            resends.start(new JsonObject().put("type", "start").put("triage", triage.copy()),
                    startsUnanswered::decrementAndGet);
        }).onFailure(failure -> {
            startsUnanswered.decrementAndGet(); // an error of its own
            counts.add("error.visitor_connect");
        });
    }

    /**
     * A counsellor who logs in, goes available and, in each chat they get, writes every {@code every}; or, when
     * {@code endAfter}, ends the chat after {@code every} (a handle time, to drain a surge).
     */
    Future<WebSocket> counsellor(String id, String password, Duration every, boolean endAfter) {
        return client.login(id, password).compose(token -> client.connect("/ws/console").onSuccess(socket -> {
            AtomicLong sent = new AtomicLong();
            Resends resends = new Resends(client.vertx, socket, counts, () -> sending && client.resends);
            ConsoleChats held = new ConsoleChats(client.vertx, counts);
            socket.textMessageHandler(text -> {
                JsonObject frame = new JsonObject(text);
                String conversation = frame.getString("conversation");
                switch (frame.getString("type")) {
                    case "welcome", "status" -> {
                        if (held.goAvailable(frame)) {
                            LoadClient.send(socket, new JsonObject().put("type", "status").put("status", "available"));
                        }
                    }
                    case "assigned" -> {
                        assignments.assigned(conversation);
                        if (!held.assigned(conversation, chats.get(conversation))) {
                            counts.add("chat.assigned_again"); // held here already: no second sender
                            return;
                        }
                        if (endAfter) {
                            held.timer(conversation, client.vertx.setTimer(every.toMillis(), timer -> {
                                if (!sending) {
                                    return;
                                }
                                LoadClient.send(socket, new JsonObject().put("type", "end")
                                        .put("conversation", conversation));
                                counts.add("ended.by.counsellor");
                            }));
                            return;
                        }
                        held.timer(conversation, client.periodic(every, (timer, due) -> {
                            if (!sending || socket.isClosed()) {
                                client.vertx.cancelTimer(timer);
                                return;
                            }
                            String clientId = id.replace('.', '_') + "-" + sent.incrementAndGet();
                            Chat chat = chats.get(conversation); // unknown yet: recorded from its ack or delivery
                            if (chat != null) {
                                chat.sent(Side.COUNSELLOR, clientId);
                            }
                            resends.send(new JsonObject().put("type", "send").put("conversation", conversation)
                                    .put("clientId", clientId).put("text", relays.sending(due)));
                            counts.add("sent.counsellor");
                        }));
                    }
                    case "released", "ended" -> {
                        counts.add("frame." + frame.getString("type"));
                        held.dropped(conversation);
                    }
                    case "ack" -> {
                        String clientId = frame.getString("clientId");
                        if (resends.acknowledged(clientId)) {
                            counts.add("acked.counsellor");
                        }
                        Chat chat = chats.get(conversation);
                        if (chat == null) {
                            counts.add("message.unknown_chat"); // no visitor of this run: not checked
                            return;
                        }
                        chat.acked(Side.COUNSELLOR, clientId, frame.getLong("seq"),
                                frame.getBoolean("duplicate", false));
                    }
                    case "message" -> {
                        Chat chat = chats.get(conversation);
                        Optional<Chat.Hold> hold = held.hold(conversation, chat);
                        if (hold.isPresent() && "visitor".equals(frame.getString("from"))) {
                            received(frame, chat.toCounsellor(hold.get(), frame.getLong("seq"),
                                    frame.getString("clientId")), "counsellor");
                        }
                    }
                    case "error" -> {
                        resends.refused(frame).ifPresent(send -> held.refused(frame, send));
                        Chat chat = conversation == null ? null : chats.get(conversation);
                        if (chat != null) {
                            chat.refused(Side.COUNSELLOR, frame.getString("ref", ""));
                        }
                    }
                    case "pong" -> { }
                    default -> counts.add("frame." + frame.getString("type"));
                }
            });
            // Like the console page: a ping every 20 s, so a console waiting for a chat is not taken for a dead one.
            long pinger = client.vertx.setPeriodic(PING.toMillis(),
                    timer -> LoadClient.send(socket, new JsonObject().put("type", "ping")));
            socket.closeHandler(ignored -> {
                client.vertx.cancelTimer(pinger);
                if (sending) {
                    counts.add("error.console_socket_closed");
                }
            });
            LoadClient.send(socket, new JsonObject().put("type", "auth").put("token", token));
        })).onFailure(failure -> counts.add("error.counsellor_login"));
    }

    /**
     * A message of the other side, as the socket of {@code receiver} got it: only its first delivery is timed
     * ({@link Relays}) and counted relayed; one replayed to a console that took the chat over (its history) was relayed
     * before, and a doubled one is counted by its {@link Chat}.
     */
    private void received(JsonObject message, Chat.Delivery delivery, String receiver) {
        if (delivery != Chat.Delivery.FIRST) {
            if (delivery == Chat.Delivery.REPLAYED) {
                counts.add("replayed." + receiver);
            }
            return;
        }
        relays.delivered(message.getString("text", ""), "counsellor".equals(receiver));
        counts.add("received." + receiver);
    }

    /**
     * Every visitor ends their chat, so that nothing of this scenario lingers in the queue for the next one; at most
     * {@code 10 x ENDS_PER_TENTH} a second, as many visitors would, not all in the same millisecond.
     */
    Future<Void> endAll() {
        List<WebSocket> all = List.copyOf(visitors);
        Promise<Void> done = Promise.promise();
        int[] next = {0};
        client.vertx.setPeriodic(100, timer -> {
            int until = Math.min(all.size(), next[0] + ENDS_PER_TENTH);
            for (; next[0] < until; next[0]++) {
                LoadClient.send(all.get(next[0]), new JsonObject().put("type", "end"));
            }
            if (next[0] >= all.size()) {
                client.vertx.cancelTimer(timer);
                done.complete();
            }
        });
        return done.future();
    }
}
