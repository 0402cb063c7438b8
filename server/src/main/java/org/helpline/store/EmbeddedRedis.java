package org.helpline.store;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisExecProvider;

/**
 * A real redis-server (7.0.15, the binary shipped in {@code org.signal:embedded-redis}) started on a free loopback
 * port with append-only persistence in a data directory, for the one-command start and for tests. It writes no RDB
 * snapshot ({@code save ""}): its only data files are the append-only ones, which the nodes have it rewrite after an
 * erase or an expiry (see {@code node.DiskPurge}); their RDB-format base is written uncompressed, so that what they
 * hold can be checked with grep. Beside them are its settings ({@value #CONFIGURATION}), its pid file and the lock
 * file; its output is not kept ({@link RedisServerProcess}). Redis rewrites the append-only files by itself only
 * once they reach {@value #REWRITE_FROM} (and twice what the last rewrite left): each rewrite forks a child that copies
 * the whole dataset, which during a surge on a small machine slows every message for a second or two
 * (docs/performance.md).
 * A process holds the data directory's lock file while it runs its redis-server there: a second start in the same
 * directory (a second node, a mistyped command) is refused instead of stopping the live server's Redis as an orphan.
 * On Linux it runs in a session of its own ({@link OwnSession}), so that the node's threads do not starve it of CPU.
 * Of the library only the binary is used: its own start stops Redis from a shutdown hook of its own, alongside the
 * node's close, whose last writes then failed.
 */
public final class EmbeddedRedis implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRedis.class);
    static final String REWRITE_FROM = "512mb";
    private static final String CONFIGURATION = "redis.conf";
    private static Path shippedBinary;
    private final List<String> command;
    private final int port;
    private final Path dataDirectory;
    private final FileLock owner;
    private final Thread exitHook = new Thread(this::stopAtExit, "embedded-redis-at-exit");
    private volatile Runnable lastWork = () -> { };
    private RedisServerProcess process;
    private boolean closed;

    private EmbeddedRedis(List<String> command, int port, Path dataDirectory, FileLock owner) {
        this.command = command;
        this.port = port;
        this.dataDirectory = dataDirectory;
        this.owner = owner;
    }

    /**
     * Starts redis-server and waits until it accepts connections. Blocking: call it at start. Fails with
     * {@link DataDirectoryInUse} when a running process holds the directory. Unless closed before, it is stopped when
     * the JVM exits, after the work handed to {@link #atExit}.
     */
    public static EmbeddedRedis start(Path dataDirectory) {
        FileLock owner = null;
        EmbeddedRedis redis = null;
        try {
            Path directory = dataDirectory.toAbsolutePath();
            Files.createDirectories(directory);
            owner = lock(directory);
            Path pidFile = directory.resolve("redis.pid");
            stopOrphan(pidFile);
            int port = freePort();
            Path configuration = directory.resolve(CONFIGURATION);
            Files.writeString(configuration, configuration(port, directory, pidFile));
            List<String> command = new ArrayList<>(OwnSession.command(shippedBinary()));
            command.add(configuration.toString());
            redis = new EmbeddedRedis(command, port, directory, owner);
            Runtime.getRuntime().addShutdownHook(redis.exitHook); // first: an exit while Redis starts stops it
            redis.startProcess();
            return redis;
        } catch (IOException | RuntimeException e) {
            if (redis != null) {
                redis.close();
            } else {
                release(owner);
            }
            if (e instanceof DataDirectoryInUse inUse) {
                throw inUse;
            }
            throw notStarted(e);
        }
    }

    private static IllegalStateException notStarted(Exception cause) {
        return new IllegalStateException("cannot start the embedded redis-server: " + cause.getMessage(), cause);
    }

    /** The redis-server the library ships, unpacked once a JVM (again if the temporary directory lost it). */
    private static synchronized Path shippedBinary() throws IOException {
        if (shippedBinary == null || !Files.isExecutable(shippedBinary)) {
            shippedBinary = RedisExecProvider.defaultProvider().get().toPath().toAbsolutePath();
        }
        return shippedBinary;
    }

    /**
     * The settings: only the loopback address, append-only persistence written to disk before each reply, no RDB
     * snapshot, Redis's own rewrites from {@value #REWRITE_FROM}. Paths are quoted as Redis reads them.
     */
    private static String configuration(int port, Path directory, Path pidFile) {
        return String.join("\n",
                "port " + port,
                "bind 127.0.0.1",
                "protected-mode yes",
                "appendonly yes",
                "appendfsync always",
                "auto-aof-rewrite-min-size " + REWRITE_FROM,
                "dir " + quoted(directory),
                "save \"\"",
                "rdbcompression no",
                "pidfile " + quoted(pidFile)) + "\n";
    }

    private static String quoted(Path path) {
        return "\"" + path.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** The directory's lock, held until {@link #close}; none to take when another process (or this one) holds it. */
    private static FileLock lock(Path dataDirectory) throws IOException {
        Path file = dataDirectory.resolve("owner.lock");
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return lock;
            }
        } catch (OverlappingFileLockException e) {
            // held by this process already: as much in use
        }
        channel.close();
        throw new DataDirectoryInUse(dataDirectory);
    }

    private static void release(FileLock owner) {
        if (owner == null) {
            return;
        }
        try {
            owner.channel().close(); // releases the lock
        } catch (IOException e) {
            // the process ends soon, or the next start finds the lock free once it does
        }
    }

    /** Another running process runs its redis-server on this data directory. */
    public static final class DataDirectoryInUse extends IllegalStateException {
        DataDirectoryInUse(Path dataDirectory) {
            super("the embedded Redis data directory " + dataDirectory + " is in use by another running helpline"
                    + " server: stop it first, or start this one where it has a data directory of its own");
        }
    }

    public int port() {
        return port;
    }

    /** Whether redis-server runs in a session of its own ({@link OwnSession}; Linux only). */
    public boolean inOwnSession() {
        return OwnSession.available();
    }

    /** Where redis-server writes its files (the append-only directory, no RDB snapshot: {@code save ""}). */
    public Path dataDirectory() {
        return dataDirectory;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /**
     * {@code lastWork} runs when the JVM exits, before redis-server stops: a node's own close, whose sockets still
     * record their visitors' departures in Redis, or a generator's servers stopped before their Redis. Nothing else
     * stops redis-server at exit, so nothing races it. It replaces the work handed before.
     */
    public void atExit(Runnable lastWork) {
        this.lastWork = lastWork;
    }

    /** Stops redis-server (it can be started again on the same port to simulate a restart). */
    public synchronized void stop() {
        if (process != null) {
            process.stop();
            process = null;
        }
    }

    /** Starts redis-server again on the same port and data, and waits until it accepts connections. */
    public void restart() {
        try {
            startProcess();
        } catch (IOException e) {
            throw notStarted(e);
        }
    }

    /**
     * Launches redis-server, then waits for it without holding this object's lock, so that {@link #close} (from the
     * exit hook) can stop a Redis still reading its files back.
     */
    private void startProcess() throws IOException {
        RedisServerProcess starting;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the embedded redis-server was closed");
            }
            if (process != null && process.alive()) {
                throw new IllegalStateException("the embedded redis-server is running");
            }
            starting = RedisServerProcess.launch(command);
            process = starting;
        }
        starting.awaitReady(port);
    }

    /** Stops redis-server and releases the data directory; safe to call twice, and from the exit hook. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stop();
        release(owner);
        try {
            Runtime.getRuntime().removeShutdownHook(exitHook);
        } catch (IllegalStateException exiting) {
            // the JVM is exiting: the hook is running or about to, and finds this closed
        }
    }

    private void stopAtExit() {
        try {
            lastWork.run();
        } catch (RuntimeException e) {
            LOG.error("The work before the embedded redis-server stops failed", FailureLog.withheld(e));
        } finally {
            close();
        }
    }

    /**
     * A previous server killed without its shutdown hook leaves its redis-server running on the same data directory;
     * two servers appending to one file would corrupt it, so the orphan is stopped first (it flushes on SIGTERM). Only
     * called with the directory's lock held: the server that started it is gone (its lock went with its process).
     */
    private static void stopOrphan(Path pidFile) throws IOException {
        if (!Files.exists(pidFile)) {
            return;
        }
        String text = Files.readString(pidFile).trim();
        Files.deleteIfExists(pidFile);
        if (!text.matches("[0-9]{1,10}")) {
            return;
        }
        ProcessHandle.of(Long.parseLong(text))
                .filter(process -> process.info().command().map(c -> c.contains("redis-server")).orElse(false))
                .ifPresent(orphan -> {
                    orphan.destroy();
                    try {
                        orphan.onExit().get(10, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        orphan.destroyForcibly();
                    }
                });
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
