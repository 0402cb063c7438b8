package org.helpline.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The JVM options of the nodes the generator starts: the heap committed and touched at start, the pause goal, then
 * the options asked for, which win over them, but for a heap's size, which has an option of its own.
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

    @Test
    void aHeapSizeAmongTheOptionsAskedForIsRefusedWithWhereToSetIt() {
        // -Xms1g then -Xmx512m: the JVM would not start
        assertEquals("the nodes' heap is set with --server-heap, not with -Xmx512m in --server-java-options",
                assertThrows(RefusedRun.class, () -> LocalServer.jvmOptions(Options.parse(new String[]{"starts",
                        "--server-java-options", "-Xlog:gc -Xmx512m"}))).getMessage());
        assertThrows(RefusedRun.class, () -> LocalServer.jvmOptions(Options.parse(new String[]{"starts",
                "--server-java-options", "-Xms256m"})));
    }
}
