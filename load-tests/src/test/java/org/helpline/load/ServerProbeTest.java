package org.helpline.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Redis's CPU as the generator reads it from {@code INFO}: its own process and, apart, the children it forks to
 * rewrite its append-only file or save a snapshot, and whether one was running at either end of a window.
 */
class ServerProbeTest {
    private static final String CPU = "# CPU\r\nused_cpu_sys:1.500000\r\nused_cpu_user:2.250000\r\n"
            + "used_cpu_sys_children:0.500000\r\nused_cpu_user_children:0.250000\r\n"
            + "used_cpu_sys_main_thread:1.400000\r\nused_cpu_user_main_thread:2.200000\r\n";

    @Test
    void theChildrensCpuIsReadApartFromRedisOwn() {
        assertEquals(3.75, ServerProbe.cpuSeconds(CPU), 1e-9, "user + sys of the main process, not the children");
        assertEquals(0.75, ServerProbe.childCpuSeconds(CPU), 1e-9, "user + sys of the reaped children");
        assertEquals(0, ServerProbe.childCpuSeconds("# CPU\r\nused_cpu_sys:1\r\n"), "none reaped yet: 0");
    }

    @Test
    void aRewriteOrASaveInProgressIsAChildRunning() {
        assertTrue(ServerProbe.childRunning(persistence(1, 0)), "an AOF rewrite");
        assertTrue(ServerProbe.childRunning(persistence(0, 1)), "an RDB save");
        assertFalse(ServerProbe.childRunning(persistence(0, 0)));
    }

    @Test
    void aWindowCountsTheChildrenReapedInItAndSaysWhenOneRanAtEitherEnd() {
        ServerProbe.Reading before = new ServerProbe.Reading(10, 1, 2, 0.5, true, 3, 100, 50, Map.of("get", 10L));
        ServerProbe.Reading after = new ServerProbe.Reading(40, 4, 5, 1.75, false, 6, 400, 80, Map.of("get", 30L));
        ServerProbe.Reading window = after.since(before);
        assertEquals(30, window.seconds(), 1e-9);
        assertEquals(3, window.redisCpuSeconds(), 1e-9);
        assertEquals(1.25, window.redisChildCpuSeconds(), 1e-9);
        assertTrue(window.redisChildRunning(), "running at the start: counted whole in this window");
        assertFalse(after.since(new ServerProbe.Reading(10, 1, 2, 0.5, false, 3, 100, 50, Map.of()))
                .redisChildRunning());
        assertEquals(-1, after.since(ServerProbe.Reading.NONE).redisChildCpuSeconds(), "unknown stays unknown");
        assertEquals(Map.of("get", 20L), window.callsByCommand());
    }

    private static String persistence(int rewriting, int saving) {
        return "# Persistence\r\naof_rewrite_in_progress:" + rewriting + "\r\nrdb_bgsave_in_progress:" + saving
                + "\r\n";
    }
}
