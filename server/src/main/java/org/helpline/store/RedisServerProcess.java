package org.helpline.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One redis-server process: started with its output appended to a log file, ready once it answers {@code PING} on its
 * port (not while it reads its append-only file back: it answers {@code -LOADING} then) and {@code INFO} names this
 * process, stopped with SIGTERM, on which Redis writes what it holds to its files and exits. Blocking throughout:
 * call it at start and at the end.
 */
final class RedisServerProcess {
    private static final Duration READY_WITHIN = Duration.ofMinutes(10);
    private static final Duration STOP_WITHIN = Duration.ofSeconds(30);
    private static final int LOG_LINES_SHOWN = 20;

    private final Process process;

    private RedisServerProcess(Process process) {
        this.process = process;
    }

    /**
     * Runs {@code command} and waits until this process, and not another Redis that took the port meanwhile, answers
     * on {@code port}; fails, with the log's end, if it exits first.
     */
    static RedisServerProcess start(List<String> command, int port, Path log) throws IOException {
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(log.toFile()))
                .start();
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        Answer answer;
        while ((answer = ask(port, process.pid())) != Answer.READY) {
            if (answer == Answer.ANOTHER_PROCESS || !process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IOException("redis-server did not start on port " + port + " (" + answer + "); the end of "
                        + log + ":\n" + lastLines(log));
            }
            pause();
        }
        return new RedisServerProcess(process);
    }

    boolean alive() {
        return process.isAlive();
    }

    /** SIGTERM, then a kill if Redis has not exited within {@link #STOP_WITHIN}. */
    void stop() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_WITHIN.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
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
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1_000);
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

    private static String lastLines(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_LINES_SHOWN), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
