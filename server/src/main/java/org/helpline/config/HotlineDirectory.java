package org.helpline.config;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.helpline.domain.Directory;
import org.helpline.domain.TriageVocabulary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The directory in use, swapped atomically by a reload: readers always see one whole directory, never half of two.
 * A file that does not load leaves the directory in use untouched, and the reload reports why.
 */
public final class HotlineDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(HotlineDirectory.class);

    private final Path configDirectory;
    private final TriageVocabulary triage;
    private final AtomicReference<Directory> current;
    /** The last reload asked for; the next one starts when it is done. */
    private Future<?> previous = Future.succeededFuture();

    /**
     * Serves {@code loaded} (the directory parsed at start, {@link HelplineConfig#directoryAtStart()}) until a reload
     * reads {@code directory.yaml} of {@code configDirectory} again; reloaded topics must be those of {@code triage}.
     */
    public HotlineDirectory(Path configDirectory, Directory loaded, TriageVocabulary triage) {
        this.configDirectory = configDirectory;
        this.triage = triage;
        this.current = new AtomicReference<>(loaded);
    }

    public Directory current() {
        return current.get();
    }

    /**
     * Reads the file again on a worker; succeeds with the new directory, or fails with what is wrong. Reloads run one
     * after the other in the order asked, so the file read last is the one in use, whichever read took longer.
     */
    public synchronized Future<Directory> reload(Vertx vertx) {
        Future<Directory> reload = previous.transform(done -> vertx.executeBlocking(
                        () -> DirectoryLoader.load(configDirectory, triage), false))
                .onSuccess(loaded -> {
                    current.set(loaded);
                    LOG.info("Hotline directory reloaded: {} lines", loaded.hotlines().size());
                })
                .onFailure(failure -> LOG.warn("Hotline directory not reloaded, the previous one stays: {}",
                        failure.getMessage()));
        previous = reload;
        return reload;
    }
}
