package org.helpline.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CannedRepliesTest {
    private static final CannedReplies REPLIES = new CannedReplies(
            Map.of("fr", List.of(new CannedReply("opening", "Accueil", "Bonjour"),
                            new CannedReply("closing", "Clôture", "Au revoir")),
                    "en", List.of(new CannedReply("opening", "Opening", "Hello"))),
            Map.of("cidff-nord", Map.of("fr", List.of(new CannedReply("legal", "Juridique", "Une juriste..."),
                    new CannedReply("closing", "Clôture CIDFF", "Au revoir, le CIDFF reste là")))));

    @Test
    void anAssociationGetsTheNetworksRepliesThenItsOwnAndItsOwnReplaceTheSameId() {
        Map<String, List<CannedReply>> cidff = REPLIES.forAssociation("cidff-nord");
        assertEquals(List.of("opening", "closing", "legal"), cidff.get("fr").stream().map(CannedReply::id).toList());
        assertEquals("Clôture CIDFF", cidff.get("fr").get(1).title());
        assertEquals(List.of("opening"), cidff.get("en").stream().map(CannedReply::id).toList());
    }

    @Test
    void anotherAssociationGetsOnlyTheNetworksReplies() {
        Map<String, List<CannedReply>> other = REPLIES.forAssociation("uk-helpline-chat");
        assertEquals(List.of("opening", "closing"), other.get("fr").stream().map(CannedReply::id).toList());
        assertTrue(CannedReplies.none().forAssociation("x").isEmpty());
    }

    @Test
    void outcomeTagIdsAreUniqueAcrossGroups() {
        OutcomeTagGroup helped = new OutcomeTagGroup("helped", "Who was helped",
                List.of(new OutcomeTag("woman", "A woman"), new OutcomeTag("child", "A child")));
        OutcomeTags tags = new OutcomeTags(List.of(helped, new OutcomeTagGroup("referral", "Referral made",
                List.of(new OutcomeTag("referral-police", "Police")))));
        assertEquals(List.of("woman", "child", "referral-police"), List.copyOf(tags.ids()));
        assertTrue(tags.contains("referral-police"));
        assertThrows(IllegalArgumentException.class, () -> new OutcomeTags(List.of(helped,
                new OutcomeTagGroup("again", "Again", List.of(new OutcomeTag("woman", "A woman"))))));
    }
}
