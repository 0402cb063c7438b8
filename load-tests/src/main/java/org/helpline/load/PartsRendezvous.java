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
 * Where the parts of a split run ({@code --parts N}) wait for each other: each writes {@code <step>-<part>} in one
 * directory once it has reached a step, and goes on when every part's file is there.
 * <ul>
 *   <li>{@link Step#READY}, its consoles open, before its visitors arrive: so no node's chats open while another node
 *   is still checking its counsellors' passwords (a slow hash, on the same cores); without it the first part, started
 *   first, began its chats before the others had logged in.</li>
 *   <li>{@link Step#ASSIGNED}, every chat of its own assigned, before its message phase: so every part measures the
 *   same minute, with all the run's chats open; without it the part whose chats opened first measured its first
 *   seconds while another part's chats were still opening on the same cores.</li>
 * </ul>
 */
final class PartsRendezvous {
    private static final Duration LONGEST = Duration.ofMinutes(10);
    private static final long POLL_MILLIS = 50;

    /** The steps the parts wait for each other at, in the order they reach them. */
    enum Step {
        READY("ready", "open their consoles"), ASSIGNED("assigned", "have their chats assigned");

        private final String file;
        private final String doing;

        Step(String file, String doing) {
            this.file = file;
            this.doing = doing;
        }
    }

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
        for (Step step : Step.values()) {
            for (int other = 1; other <= part.of(); other++) {
                Files.deleteIfExists(directory.resolve(fileOf(step, other)));
            }
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

    private static String fileOf(Step step, int part) {
        return step.file + "-" + part;
    }

    /** This part has reached {@code step}; completes when every part has (at once when the run is not split). */
    Future<Void> all(Vertx vertx, Step step) {
        if (part.of() == 1) {
            return Future.succeededFuture();
        }
        long deadline = System.nanoTime() + LONGEST.toNanos();
        Promise<Void> all = Promise.promise();
        vertx.fileSystem().writeFile(directory.resolve(fileOf(step, part.index())).toString(), Buffer.buffer())
                .onFailure(all::fail)
                .onSuccess(written -> poll(vertx, step, deadline, all));
        return all.future();
    }

    private void poll(Vertx vertx, Step step, long deadline, Promise<Void> all) {
        List<Future<Boolean>> present = new ArrayList<>();
        for (int other = 1; other <= part.of(); other++) {
            present.add(vertx.fileSystem().exists(directory.resolve(fileOf(step, other)).toString()));
        }
        Future.all(present).onFailure(all::fail).onSuccess(answers -> {
            if (answers.<Boolean>list().stream().allMatch(Boolean::booleanValue)) {
                all.complete();
            } else if (System.nanoTime() > deadline) {
                all.fail("the other parts did not " + step.doing + " within " + LONGEST.toMinutes() + " minutes");
            } else {
                vertx.setTimer(POLL_MILLIS, id -> poll(vertx, step, deadline, all));
            }
        });
    }
}
