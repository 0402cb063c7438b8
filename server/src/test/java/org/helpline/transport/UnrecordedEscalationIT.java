package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.helpline.support.CapturedLogs;
import org.helpline.support.Helpline;
import org.helpline.support.TestConfig;
import org.helpline.support.TestSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An escalation made while Redis is down lives in its node's memory until Redis takes its record and alert; a node
 * stopped before that names it in its log, the only trace of it left for someone to pass it on by hand
 * (escalation.md, "The counsellor").
 */
class UnrecordedEscalationIT {
    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(1, TestConfig.withCounsellors(
            TestConfig.counsellor("stop.amina", 2)));

    @Test
    void aNodeStoppedBeforeRedisTookAnEscalationNamesItInItsLog() {
        try (CapturedLogs logs = new CapturedLogs()) {
            TestSocket console = helpline.availableConsole(0, "stop.amina", TestConfig.PASSWORD);
            Helpline.Visitor visitor = helpline.assignedVisitor(console, new JsonObject().put("region", "london"));
            helpline.redis().stop();
            console.send(new JsonObject().put("type", "escalate").put("conversation", visitor.conversation())
                    .put("target", "emergency"));
            String escalation = console.next("escalation").getString("escalation");
            helpline.stop(0);

            List<String> told = logs.errors().stream().filter(line -> line.contains("Escalation ")).toList();
            assertEquals(1, told.size(), logs.errors().toString());
            String line = told.get(0);
            assertTrue(line.contains("Escalation " + escalation + " (emergency line gb-999, association "), line);
            assertTrue(line.contains("chat " + visitor.conversation()), line);
            assertTrue(line.contains("was never recorded: this node stopped before Redis took it."), line);
        } finally {
            helpline.redis().restart();
        }
    }
}
