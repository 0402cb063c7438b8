package org.helpline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.helpline.domain.Directory;
import org.helpline.domain.Hotline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reloads of the hotline directory asked for while others are under way: the file read last is the one in use. */
class HotlineDirectoryTest {
    private static final String NAME = "3919 - Violences Femmes Info";
    private static final int RELOADS = 40;

    @TempDir
    Path directory;

    @Test
    void overlappingReloadsApplyInTheOrderAskedSoTheLastFileWins() throws Exception {
        ShippedConfig.copyInto(directory);
        HelplineConfig config = ConfigLoader.load(directory, Map.of(ConfigLoader.ENV_HTTP_PORT, "0"));
        HotlineDirectory hotlines = new HotlineDirectory(directory, config.directoryAtStart(), config.triage());
        Path file = directory.resolve("directory.yaml");
        String shipped = Files.readString(file);
        Vertx vertx = Vertx.vertx();
        try {
            List<Integer> applied = new ArrayList<>();
            List<Future<Directory>> reloads = new ArrayList<>();
            for (int version = 1; version <= RELOADS; version++) {
                Path written = Files.writeString(directory.resolve("written.yaml"),
                        shipped.replace("\"" + NAME + "\"", "\"" + NAME + " " + version + "\""));
                Files.move(written, file, StandardCopyOption.ATOMIC_MOVE); // a read sees one whole file
                int asked = version;
                reloads.add(hotlines.reload(vertx).onSuccess(loaded -> {
                    synchronized (applied) {
                        applied.add(asked);
                    }
                }));
            }
            Future.all(reloads).await(30, TimeUnit.SECONDS);
            assertEquals(NAME + " " + RELOADS, name(hotlines.current()), "the file as last written");
            synchronized (applied) {
                assertEquals(ascending(), applied, "each reload done before the next one asked");
            }
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    private static String name(Directory directory) {
        return directory.hotlines().stream().filter(hotline -> hotline.id().equals("fr-3919")).map(Hotline::name)
                .findFirst().orElseThrow();
    }

    private static List<Integer> ascending() {
        List<Integer> versions = new ArrayList<>();
        for (int version = 1; version <= RELOADS; version++) {
            versions.add(version);
        }
        return versions;
    }
}
