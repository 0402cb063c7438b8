package org.helpline.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One redis-server process: ready once it answers {@code PING} on its port (not while it reads its append-only file
 * back: it answers {@code -LOADING} then) and {@code INFO} names this process, stopped with SIGTERM, on which Redis
 * writes what it holds to its files and exits. Its output is not kept: a crash report quotes the command Redis was
 * running, whose arguments can be a visitor's message. Blocking throughout: call it at start and at the end.
 */
final class RedisServerProcess {
    private static final String LOOPBACK = "127.0.0.1"; // where the configuration binds it, whatever Java prefers
    private static final Duration READY_WITHIN = Duration.ofMinutes(10);
    private static final Duration STOP_WITHIN = Duration.ofSeconds(30);

    private final List<String> command;
    private final Process process;

    private RedisServerProcess(List<String> command, Process process) {
        this.command = command;
        this.process = process;
    }

    /** Runs {@code command}, its last word the settings file; {@link #awaitReady} waits until it serves. */
    static RedisServerProcess launch(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(Redirect.DISCARD)
                .start();
        return new RedisServerProcess(command, process);
    }

    /**
     * Waits until this process, and not another Redis that took the port meanwhile, answers on {@code port}; fails if
     * it exits first (stopped meanwhile, or unable to start), or does not answer within {@link #READY_WITHIN}.
     */
    void awaitReady(int port) throws IOException {
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        Answer answer;
        while ((answer = ask(port, process.pid())) != Answer.READY) {
            if (answer == Answer.ANOTHER_PROCESS || !process.isAlive() || System.nanoTime() > deadline) {
                String why = unready(answer, port);
                stop();
                throw new IOException(why);
            }
            pause();
        }
    }

    private String unready(Answer answer, int port) {
        if (answer == Answer.ANOTHER_PROCESS) {
            return "another Redis answers on port " + port;
        }
        String exited = process.isAlive() ? "did not answer on port " + port + " within " + READY_WITHIN
                : "exited with code " + process.exitValue() + " before it answered on port " + port;
        return "redis-server " + exited + "; run redis-server " + command.get(command.size() - 1)
                + " by hand to see why";
    }

    boolean alive() {
        return process.isAlive();
    }

    /** SIGTERM, then a kill if Redis has not exited within {@link #STOP_WITHIN}; returns once it has exited. */
    void stop() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_WITHIN.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** What a redis-server on the port says. */
    private enum Answer { NOTHING, LOADING, ANOTHER_PROCESS, READY }

    /**
     * {@code PING} and {@code INFO server} together: {@code +PONG} once the data is read back, and the answering
     * process's id.
     */
    private static Answer ask(int port, long pid) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(LOOPBACK, port), 1_000);
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\nINFO server\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII));
            boolean pong = "+PONG".equals(in.readLine());
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("process_id:")) {
                    if (!line.equals("process_id:" + pid)) {
                        return Answer.ANOTHER_PROCESS;
                    }
                    return pong ? Answer.READY : Answer.LOADING;
                }
            }
            return Answer.NOTHING;
        } catch (IOException e) {
            return Answer.NOTHING; // not listening yet
        }
    }

    private static void pause() throws IOException {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while redis-server started", e);
        }
    }
}
