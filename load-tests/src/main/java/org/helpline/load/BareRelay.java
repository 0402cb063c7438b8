package org.helpline.load;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The bare relay: pairs of WebSocket sockets, a visitor's ({@code /relay/<pair>/a}) and a counsellor's
 * ({@code /relay/<pair>/b}), with no Redis, no storage and no routing, but answering each {@code send} with the
 * frames the server writes for it (protocol.md): the {@code message} to the other side, the same echoed to the
 * sender, and the {@code ack}, each frame parsed and encoded as JSON. On its own Vert.x with one event loop, as a node
 * runs by default ({@code http.eventLoops}). It runs as its own process, with the server's JVM options, so that the
 * two are compared like for like: {@link #launch} starts this class's {@link #main} in a new JVM from the generator's
 * jar.
 */
final class BareRelay {
    private static final String READY = "bare relay listening on ";

    private BareRelay() {
    }

    /**
     * The relay process and its port; {@link #close} stops it, and so does a shutdown hook if the generator exits
     * first (Ctrl-C, SIGTERM, a run stopped for want of open files), as for the server it started.
     */
    record Running(Process process, int port, StopOnExit exit) implements AutoCloseable {
        @Override
        public void close() {
            exit.close();
        }
    }

    /**
     * Starts the relay in its own JVM with {@code jvmOptions} (the server's: {@link LocalServer#jvmOptions}), its
     * output in {@code log}, and waits until it listens.
     */
    static Running launch(Path log, List<String> jvmOptions) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), BareRelay.class.getName()));
        Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        StopOnExit exit = new StopOnExit("stop-bare-relay", () -> stop(process));
        BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        String line = output.readLine();
        if (line == null || !line.startsWith(READY)) {
            exit.close();
            throw new IllegalStateException("the bare relay did not start (see " + log + ")");
        }
        return new Running(process, Integer.parseInt(line.substring(READY.length()).trim()), exit);
    }

    /** Asks the relay to stop, and kills it if it has not within 10 s. */
    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException interrupted) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Listens on a free port, prints it, and relays until the process is stopped. */
    public static void main(String[] args) {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setPreferNativeTransport(true));
        listen(vertx).onSuccess(server -> System.out.println(READY + server.actualPort()))
                .onFailure(failure -> {
                    // stderr is this process's log file, stdout the port line the generator waits for
                    failure.printStackTrace();
                    System.exit(1);
                });
    }

    /** The relay on {@code vertx}, on a free port of every address. */
    static Future<HttpServer> listen(Vertx vertx) {
        Map<String, Pair> pairs = new ConcurrentHashMap<>();
        return vertx.createHttpServer().webSocketHandler(socket -> {
            String[] parts = socket.path().split("/");
            Pair pair = pairs.computeIfAbsent(parts[2], Pair::new);
            int side = "a".equals(parts[3]) ? 0 : 1;
            pair.sides[side] = socket;
            socket.textMessageHandler(text -> pair.relay(side, new JsonObject(text)));
        }).listen(0);
    }

    /** One chat of the relay: its two sockets, and the seq of its last message. Used on the relay's one event loop. */
    private static final class Pair {
        private static final String[] FROM = {"visitor", "counsellor"};
        private final String conversation;
        private final ServerWebSocket[] sides = new ServerWebSocket[2];
        private long seq;

        Pair(String conversation) {
            this.conversation = conversation;
        }

        /** A {@code send} from {@code side}, answered as the server answers it: message, echo and ack. */
        void relay(int side, JsonObject send) {
            long next = ++seq;
            String clientId = send.getString("clientId");
            String message = new JsonObject().put("type", "message").put("conversation", conversation)
                    .put("seq", next).put("from", FROM[side]).put("clientId", clientId)
                    .put("text", send.getString("text")).put("at", System.currentTimeMillis()).encode();
            ServerWebSocket other = sides[1 - side];
            if (other != null) {
                other.writeTextMessage(message);
            }
            sides[side].writeTextMessage(message);
            sides[side].writeTextMessage(new JsonObject().put("type", "ack").put("conversation", conversation)
                    .put("clientId", clientId).put("seq", next).put("duplicate", false).encode());
        }
    }
}
