package org.helpline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.helpline.domain.Role;
import org.helpline.domain.Triage;
import org.helpline.domain.TriageChoice;
import org.helpline.domain.TriageVocabulary;
import org.helpline.support.TestConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** triage.yaml: the shipped vocabulary keeps today's wording; each kind of mistake names the file and the field. */
class TriageLoaderTest {
    private static final String ROLES = "roles:\n"
            + "  - {id: victim, staff: {en: Victim, fr: Victime}}\n"
            + "  - {id: witness, staff: {en: Witness, fr: Témoin}}\n"
            + "  - {id: relative, staff: {en: Relative, fr: Proche}}\n"
            + "  - {id: professional, staff: {en: Professional, fr: Professionnel}}\n"
            + "  - {id: perpetrator, staff: {en: Perpetrator, fr: Auteur}}\n";
    private static final String TOPICS = "topics:\n"
            + "  - {id: physical, staff: {en: Physical, fr: Physique}}\n";

    @TempDir
    Path directory;

    private String refused(String file, String text) throws IOException {
        ShippedConfig.copyInto(directory);
        Files.writeString(directory.resolve(file), text);
        ConfigException error = assertThrows(ConfigException.class, () -> ConfigLoader.load(directory, Map.of()));
        assertTrue(error.getMessage().contains(file), error.getMessage());
        return error.getMessage();
    }

    @Test
    void theShippedVocabularyOffersVisitorsTodaysChoices() {
        TriageVocabulary triage = ConfigLoader.load(TestConfig.shippedDirectory(), Map.of()).triage();
        assertEquals(List.of("victim", "witness", "relative", "professional", "perpetrator"),
                triage.roles().stream().filter(TriageChoice::offeredToVisitors).map(TriageChoice::id).toList());
        assertEquals(List.of("physical", "psychological", "sexual", "economic", "cyber-violence", "children-exposed",
                        "legal-advice", "shelter", "perpetrator-support"),
                triage.topics().stream().filter(TriageChoice::offeredToVisitors).map(TriageChoice::id).toList());
        assertEquals(TestConfig.ALL_TOPICS.size(), triage.topics().size());
        assertTrue(triage.topics().stream().map(TriageChoice::id).toList().containsAll(TestConfig.ALL_TOPICS));
        TriageChoice children = triage.topic("children-exposed").orElseThrow();
        assertEquals("Children exposed", children.staff().get("en"));
        assertEquals("Des enfants voient ou subissent les violences", children.visitor().get("fr"));
        assertEquals(Map.of(Role.PERPETRATOR, "perpetrator-support"), triage.roleTopics());
        assertEquals("Money taken or controlled", triage.topic("economic").orElseThrow().visitor().get("en"));
        assertEquals("Je m’inquiète pour un proche", triage.role("relative").orElseThrow().visitor().get("fr"));
        assertEquals("Relative or friend", triage.role("relative").orElseThrow().staff().get("en"));
        assertTrue(triage.topic("mood").isEmpty());
        assertTrue(triage.role("neighbour").isEmpty());
    }

    @Test
    void rolesAreExactlyTheServersRoles() throws IOException {
        String unknown = refused("triage.yaml", ROLES + "  - {id: neighbour, staff: {en: N, fr: V}}\n" + TOPICS);
        assertTrue(unknown.contains("roles[5].id"), unknown);
        String missing = refused("triage.yaml", ROLES.replace("  - {id: witness, staff: {en: Witness, fr: Témoin}}\n",
                "") + TOPICS);
        assertTrue(missing.contains("roles: must list every role; missing witness"), missing);
    }

    @Test
    void aRolesTopicMustBeATopicAndRoutesTheChatsWithoutOne() throws IOException {
        String unknown = refused("triage.yaml", ROLES.replace("{id: perpetrator,", "{id: perpetrator, topic: mood,")
                + TOPICS);
        assertTrue(unknown.contains("roles[4].topic: 'mood' is not a topic listed in triage.yaml"), unknown);
        TriageVocabulary triage = ConfigLoader.load(TestConfig.shippedDirectory(), Map.of()).triage();
        Triage perpetrator = new Triage(Optional.of(Role.PERPETRATOR), Optional.empty(), Optional.of("59"),
                Optional.empty(), false, false);
        assertEquals(Optional.of("perpetrator-support"), triage.routed(perpetrator).topic());
        Triage chosen = new Triage(Optional.of(Role.PERPETRATOR), Optional.empty(), Optional.empty(),
                Optional.of("physical"), false, false);
        assertEquals(chosen, triage.routed(chosen), "the visitor's own topic stays");
        Triage victim = new Triage(Optional.of(Role.VICTIM), Optional.empty(), Optional.empty(), Optional.empty(),
                false, false);
        assertEquals(victim, triage.routed(victim));
        Triage unknownTopic = new Triage(Optional.of(Role.VICTIM), Optional.empty(), Optional.empty(),
                Optional.of("no-such-topic"), false, false);
        assertEquals(victim, triage.routed(unknownTopic), "a topic triage.yaml does not list: none chosen");
        Triage unknownOfAPerpetrator = new Triage(Optional.of(Role.PERPETRATOR), Optional.empty(), Optional.of("59"),
                Optional.of("no-such-topic"), false, false);
        assertEquals(Optional.of("perpetrator-support"), triage.routed(unknownOfAPerpetrator).topic());
    }

    @Test
    void idsAreUniqueAndLabelsNeedEnglishAndFrench() throws IOException {
        String twice = refused("triage.yaml", ROLES + TOPICS + "  - {id: physical, staff: {en: P, fr: P}}\n");
        assertTrue(twice.contains("topics[1].id"), twice);
        String noFrench = refused("triage.yaml", ROLES + "topics:\n  - {id: physical, staff: {en: Physical}}\n");
        assertTrue(noFrench.contains("topics[0].staff.fr: is required"), noFrench);
        String visitorWithoutEnglish = refused("triage.yaml", ROLES
                + "topics:\n  - {id: physical, staff: {en: P, fr: P}, visitor: {fr: Coups}}\n");
        assertTrue(visitorWithoutEnglish.contains("topics[0].visitor.en: is required"), visitorWithoutEnglish);
        String unknownField = refused("triage.yaml", ROLES + "topics:\n  - {id: physical, label: Physical}\n");
        assertTrue(unknownField.contains("topics[0].label"), unknownField);
    }

    @Test
    void everyTopicUsedElsewhereMustBeInTheVocabulary() throws IOException {
        ShippedConfig.copyInto(directory);
        String triage = Files.readString(directory.resolve("triage.yaml"));
        String withoutShelter = triage.replaceAll("(?m)^  - id: shelter\\n(    .*\\n)+", "");
        assertFalse(withoutShelter.contains("id: shelter"), "the test removes the topic");
        String associations = refused("triage.yaml", withoutShelter);
        assertTrue(associations.contains("associations.yaml") && associations.contains(".topics")
                && associations.contains("'shelter'"), associations);

        ShippedConfig.copyInto(directory);
        Files.writeString(directory.resolve("counsellors.yaml"), "counsellors:\n  - id: x\n    displayName: X\n"
                + "    association: cidff-nord\n    topics: [gardening]\n"
                + "    passwordHash: \"" + ShippedConfig.HASH + "\"\n");
        ConfigException counsellor = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(directory, Map.of()));
        assertTrue(counsellor.getMessage().contains("counsellors.yaml: counsellors[0].topics"),
                counsellor.getMessage());

        String directoryTopics = Files.readString(directory.resolve("directory.yaml"))
                .replaceFirst("topics: \\[", "topics: [gardening, ");
        String hotline = refused("directory.yaml", directoryTopics);
        assertTrue(hotline.contains(".topics") && hotline.contains("'gardening'"), hotline);
    }
}
