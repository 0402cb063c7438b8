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
import java.util.concurrent.TimeUnit;
import redis.embedded.RedisServer;

/**
 * A real redis-server (7.0.15, the binary shipped in {@code org.signal:embedded-redis}) started on a free loopback
 * port with append-only persistence in a data directory, for the one-command start and for tests. It writes no RDB
 * snapshot ({@code save ""}): its only files are the append-only ones, which the nodes have it rewrite after an erase
 * or an expiry (see {@code node.DiskPurge}). Their RDB-format base is written uncompressed, so that what they hold
 * can be checked with grep. Redis rewrites them by itself only once they reach {@value #REWRITE_FROM} (and twice what
 * the last rewrite left): each rewrite forks a child that copies the whole dataset, which during a surge on a small
 * machine slows every message for a second or two (docs/performance.md). A process holds the data directory's lock
 * file while it runs its redis-server there: a second start in the same directory (a second node, a mistyped command)
 * is refused instead of stopping the live server's Redis as an orphan. On Linux it runs in a session of its own
 * ({@link OwnSession}), so that the node's threads do not starve it of CPU.
 */
public final class EmbeddedRedis implements AutoCloseable {
    static final String REWRITE_FROM = "512mb";
    private final RedisServer server;
    private final int port;
    private final Path dataDirectory;
    private final FileLock owner;

    private EmbeddedRedis(RedisServer server, int port, Path dataDirectory, FileLock owner) {
        this.server = server;
        this.port = port;
        this.dataDirectory = dataDirectory;
        this.owner = owner;
    }

    /**
     * Starts redis-server and waits until it accepts connections. Blocking: call it at start. Fails with
     * {@link DataDirectoryInUse} when a running process holds the directory.
     */
    public static EmbeddedRedis start(Path dataDirectory) {
        FileLock owner = null;
        try {
            Files.createDirectories(dataDirectory);
            owner = lock(dataDirectory.toAbsolutePath());
            Path pidFile = dataDirectory.toAbsolutePath().resolve("redis.pid");
            stopOrphan(pidFile);
            int port = freePort();
            RedisServer server = RedisServer.builder()
                    .redisExecProvider(OwnSession.provider())
                    .port(port)
                    .setting("bind 127.0.0.1")
                    .setting("protected-mode yes")
                    .setting("appendonly yes")
                    .setting("appendfsync always")
                    .setting("auto-aof-rewrite-min-size " + REWRITE_FROM)
                    .setting("dir " + dataDirectory.toAbsolutePath())
                    .setting("save \"\"")
                    .setting("rdbcompression no")
                    .setting("pidfile " + pidFile)
                    .build();
            server.start();
            return new EmbeddedRedis(server, port, dataDirectory.toAbsolutePath(), owner);
        } catch (IOException | RuntimeException e) {
            release(owner);
            if (e instanceof DataDirectoryInUse inUse) {
                throw inUse;
            }
            throw new IllegalStateException("cannot start the embedded redis-server: " + e.getMessage(), e);
        }
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

    /** Stops redis-server (it can be started again on the same port to simulate a restart). */
    public void stop() {
        server.stop();
    }

    public void restart() {
        server.start();
    }

    @Override
    public void close() {
        if (server.isActive()) {
            server.stop();
        }
        release(owner);
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
