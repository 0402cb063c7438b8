package org.helpline.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The JVM options of the nodes the generator starts: the heap committed and touched at start, the pause goal, then
 * the options asked for, which win over them.
 */
class LocalServerTest {
    @Test
    void aNodeHasItsHeapTouchedAtStartAndThePauseGoal() {
        assertEquals(List.of("-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch", "-XX:MaxGCPauseMillis=20"),
                LocalServer.jvmOptions(Options.parse(new String[]{"starts", "--start-server"})));
    }

    @Test
    void theHeapAskedForIsTouchedAndTheOptionsAskedForComeLast() {
        assertEquals(List.of("-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch", "-XX:MaxGCPauseMillis=20", "-Xlog:gc",
                        "-XX:-AlwaysPreTouch"),
                LocalServer.jvmOptions(Options.parse(new String[]{"starts", "--start-server", "--server-heap", "2g",
                        "--server-java-options", " -Xlog:gc  -XX:-AlwaysPreTouch "})));
    }
}
