package org.helpline.load;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** What the generator refuses before it starts anything, with the reason it prints. */
class RefusedRunTest {
    @Test
    void anUnknownScenarioOrAStrayWordIsRefusedWithTheUsage() {
        assertTrue(assertThrows(RefusedRun.class, () -> Options.parse(new String[0])).getMessage()
                .startsWith("usage: <steady|surge|idle|starts|baseline|all>"));
        assertThrows(RefusedRun.class, () -> Options.parse(new String[]{"steady,fast"}));
        assertEquals("expected --name, got '2000'", assertThrows(RefusedRun.class,
                () -> Options.parse(new String[]{"steady", "--visitors", "2000", "2000"})).getMessage());
    }

    @Test
    void aNumberThatIsNotOneIsRefusedWithItsName() {
        Options options = Options.parse(new String[]{"steady", "--visitors", "many", "--every", "0.5x"});
        assertEquals("--visitors takes a number, given 'many'",
                assertThrows(RefusedRun.class, () -> options.number("visitors", 200)).getMessage());
        assertThrows(RefusedRun.class, () -> options.seconds("every", 5));
        assertEquals(200, Options.parse(new String[]{"steady"}).number("visitors", 200));
    }

    @Test
    void optionsAreNamedValuesOrFlags() {
        Options options = Options.parse(new String[]{"steady,baseline", "--start-server", "--visitors", "2000"});
        assertTrue(options.flag("start-server"));
        assertEquals(2000, options.number("visitors", 200));
        assertTrue(options.runs("baseline"));
    }

    @Test
    void aRunAboveTheOpenFilesLimitIsRefusedAndOneBelowItIsNot() {
        RefusedRun refused = assertThrows(RefusedRun.class,
                () -> FileBudget.require(16_000, "steady", "the generator", OptionalLong.of(5_000)));
        assertTrue(refused.getMessage().contains("about 16,000 sockets open in the generator"), refused.getMessage());
        assertDoesNotThrow(() -> FileBudget.require(16_000, "steady", "the server", OptionalLong.of(20_000)));
        assertDoesNotThrow(() -> FileBudget.require(16_000, "steady", "the server", OptionalLong.empty()));
    }

    @Test
    void aPartOutsideTheSplitIsRefused() {
        assertThrows(RefusedRun.class, () -> new Part(3, 2));
    }
}
