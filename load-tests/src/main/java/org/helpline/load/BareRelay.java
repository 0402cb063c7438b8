package org.helpline.load;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.ServerWebSocket;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The bare relay: pairs of WebSocket sockets, each text frame forwarded to the other side (no Redis, no storage, no
 * routing), on its own Vert.x with one event loop, as a node runs by default ({@code http.eventLoops}). It runs as its
 * own process, like the server, so that the two are compared like for like: {@link #launch} starts this class's
 * {@link #main} in a new JVM from the generator's jar.
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

    /** Starts the relay in its own JVM ({@code -Xmx512m}), its output in {@code log}, and waits until it listens. */
    static Running launch(Path log) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                BareRelay.class.getName()).redirectError(log.toFile()).start();
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
        Map<String, ServerWebSocket[]> pairsById = new ConcurrentHashMap<>();
        vertx.createHttpServer().webSocketHandler(socket -> {
            String[] parts = socket.path().split("/");
            ServerWebSocket[] pair = pairsById.computeIfAbsent(parts[2], key -> new ServerWebSocket[2]);
            int side = "a".equals(parts[3]) ? 0 : 1;
            pair[side] = socket;
            socket.textMessageHandler(text -> {
                ServerWebSocket other = pair[1 - side];
                if (other != null) {
                    other.writeTextMessage(text);
                }
            });
        }).listen(0).onSuccess(server -> System.out.println(READY + server.actualPort()))
                .onFailure(failure -> {
                    // stderr is this process's log file, stdout the port line the generator waits for
                    failure.printStackTrace();
                    System.exit(1);
                });
    }
}
