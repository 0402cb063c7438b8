package org.helpline.load;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the parts of a split run ({@code --parts N}) wait for each other before their visitors arrive: each writes
 * {@code ready-<part>} in one directory once its consoles are open, and goes on when every part's file is there. So
 * no node's chats open while another node is still checking its counsellors' passwords (a slow hash, on the same
 * cores): without it the first part, started first, began its chats before the others had logged in.
 */
final class PartsRendezvous {
    private static final Duration LONGEST = Duration.ofMinutes(10);
    private static final long POLL_MILLIS = 50;

    private final Path directory;
    private final Part part;

    private PartsRendezvous(Path directory, Part part) {
        this.directory = directory;
        this.part = part;
    }

    /** A run that is not split: nobody to wait for. */
    static PartsRendezvous alone() {
        return new PartsRendezvous(Path.of(""), new Part(1, 1));
    }

    /** The first part's: an empty directory. Blocking: call it before the run. */
    static PartsRendezvous fresh(Path directory, Part part) throws IOException {
        Files.createDirectories(directory);
        for (int other = 1; other <= part.of(); other++) {
            Files.deleteIfExists(directory.resolve(fileOf(other)));
        }
        return new PartsRendezvous(directory, part);
    }

    /** Another part's, in the directory the first part made. */
    static PartsRendezvous joining(Path directory, Part part) {
        return new PartsRendezvous(directory, part);
    }

    Path directory() {
        return directory;
    }

    private static String fileOf(int part) {
        return "ready-" + part;
    }

    /** This part is ready; completes when every part is (at once when the run is not split). */
    Future<Void> allReady(Vertx vertx) {
        if (part.of() == 1) {
            return Future.succeededFuture();
        }
        long deadline = System.nanoTime() + LONGEST.toNanos();
        Promise<Void> all = Promise.promise();
        vertx.fileSystem().writeFile(directory.resolve(fileOf(part.index())).toString(), Buffer.buffer())
                .onFailure(all::fail)
                .onSuccess(written -> poll(vertx, deadline, all));
        return all.future();
    }

    private void poll(Vertx vertx, long deadline, Promise<Void> all) {
        List<Future<Boolean>> present = new ArrayList<>();
        for (int other = 1; other <= part.of(); other++) {
            present.add(vertx.fileSystem().exists(directory.resolve(fileOf(other)).toString()));
        }
        Future.all(present).onFailure(all::fail).onSuccess(answers -> {
            if (answers.<Boolean>list().stream().allMatch(Boolean::booleanValue)) {
                all.complete();
            } else if (System.nanoTime() > deadline) {
                all.fail("the other parts did not open their consoles within " + LONGEST.toMinutes() + " minutes");
            } else {
                vertx.setTimer(POLL_MILLIS, id -> poll(vertx, deadline, all));
            }
        });
    }
}
