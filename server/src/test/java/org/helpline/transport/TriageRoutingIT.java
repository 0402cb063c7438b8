package org.helpline.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.helpline.config.HelplineConfig;
import org.helpline.domain.Association;
import org.helpline.domain.Counsellor;
import org.helpline.domain.OpeningHours;
import org.helpline.support.ConfigBuilder;
import org.helpline.support.Helpline;
import org.helpline.support.TestConfig;
import org.helpline.support.TestSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The shipped network's specialists get the chats that are theirs: a person who wants to stop their violence (the
 * perpetrator role, no topic) reaches the perpetrator programme, a chat about exposed children the child protection
 * unit, while counsellors of other associations of the same département are online and free. The shipped
 * associations, triage and routing policy are used as they are, only open at all hours (no test depends on the time).
 */
class TriageRoutingIT {
    private static final String PROGRAMME = "perpetrator-programme-nord";
    private static final String CHILD_PROTECTION = "child-protection-nord";
    private static final String CIDFF = "cidff-nord";

    @RegisterExtension
    static final Helpline helpline = Helpline.nodes(1, config());

    private static HelplineConfig config() {
        HelplineConfig shipped = TestConfig.withCounsellors();
        List<Association> alwaysOpen = shipped.associations().stream().map(a -> new Association(a.id(), a.name(),
                a.topics(), a.regions(), a.languages(), OpeningHours.always(), a.defaultCapacity(), a.routingMode(),
                a.allowPick())).toList();
        List<Counsellor> counsellors = alwaysOpen.stream()
                .filter(a -> List.of(PROGRAMME, CHILD_PROTECTION, CIDFF).contains(a.id()))
                .map(a -> TestConfig.counsellor(a.id() + ".c", 2, a.id(), a.languages(), a.topics())).toList();
        return ConfigBuilder.from(shipped).associations(alwaysOpen).counsellors(counsellors).build();
    }

    @Test
    void thePerpetratorRoleReachesThePerpetratorProgramme() {
        TestSocket cidff = helpline.availableConsole(0, CIDFF + ".c", TestConfig.PASSWORD);
        TestSocket children = helpline.availableConsole(0, CHILD_PROTECTION + ".c", TestConfig.PASSWORD);
        TestSocket programme = helpline.availableConsole(0, PROGRAMME + ".c", TestConfig.PASSWORD);

        Helpline.Visitor visitor = helpline.visitor(0, new JsonObject().put("role", "perpetrator").put("region", "59")
                .put("language", "fr"));
        JsonObject offer = programme.next("offer");
        assertEquals(visitor.conversation(), offer.getString("conversation"));
        assertEquals("perpetrator-support", offer.getJsonObject("triage").getString("topic"),
                "the role's topic, as the visitor chose none");
        assertEquals("perpetrator", offer.getJsonObject("triage").getString("role"));
        assertEquals("perpetrator-support", helpline.inRedis(redis -> redis.hget(
                "hl:conv:{" + visitor.conversation() + "}", "topic")), "queued with the topic");
        assertEquals(0, cidff.count("offer") + children.count("offer"), "nobody else was offered it");
        visitor.end();
    }

    @Test
    void aChatAboutExposedChildrenReachesTheChildProtectionUnit() {
        TestSocket cidff = helpline.availableConsole(0, CIDFF + ".c", TestConfig.PASSWORD);
        TestSocket programme = helpline.availableConsole(0, PROGRAMME + ".c", TestConfig.PASSWORD);
        TestSocket children = helpline.availableConsole(0, CHILD_PROTECTION + ".c", TestConfig.PASSWORD);

        Helpline.Visitor visitor = helpline.visitor(0, new JsonObject().put("role", "relative")
                .put("topic", "children-exposed").put("region", "59").put("language", "fr"));
        assertEquals(visitor.conversation(), children.next("offer").getString("conversation"));
        assertEquals(0, cidff.count("offer") + programme.count("offer"), "nobody else was offered it");
        visitor.end();
    }

    @Test
    void theShippedVisitorPageOffersTheNewChoices() {
        JsonObject triage = new JsonObject(helpline.get(0, "/api/visitor/settings").body()).getJsonObject("triage");
        assertEquals("Je veux arrêter d’être violent·e", triage.getJsonArray("roles").stream()
                .map(JsonObject.class::cast).filter(role -> "perpetrator".equals(role.getString("id")))
                .findFirst().orElseThrow().getJsonObject("label").getString("fr"));
        List<String> topics = triage.getJsonArray("topics").stream().map(JsonObject.class::cast)
                .map(topic -> topic.getString("id")).toList();
        assertTrue(topics.contains("children-exposed") && topics.contains("perpetrator-support"), topics.toString());
    }
}
