package org.helpline.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The JVM options of the nodes the generator starts: the heap, the pause goal, then the options asked for. */
class LocalServerTest {
    @Test
    void aNodeHasItsHeapAndThePauseGoal() {
        assertEquals(List.of("-Xmx1g", "-XX:MaxGCPauseMillis=20"),
                LocalServer.jvmOptions(Options.parse(new String[]{"starts", "--start-server"})));
    }

    @Test
    void theOptionsAskedForComeLastSoThatTheyWin() {
        // how docs/performance.md's "A heap touched at start" ran its nodes
        assertEquals(List.of("-Xmx2g", "-XX:MaxGCPauseMillis=20", "-Xms2g", "-XX:+AlwaysPreTouch"),
                LocalServer.jvmOptions(Options.parse(new String[]{"starts", "--start-server", "--server-heap", "2g",
                        "--server-java-options", " -Xms2g  -XX:+AlwaysPreTouch "})));
    }
}
