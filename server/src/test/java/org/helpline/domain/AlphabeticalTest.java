package org.helpline.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlphabeticalTest {
    @Test
    void namesAreInTheOrderAReaderExpectsAccentsAndCaseAside() {
        List<String> names = new ArrayList<>(List.of("SIAO du Hainaut", "Écoute nationale", "Cellule enfance",
                "CIDFF du Nord", "Aide aux victimes", "ecoute locale", "Ecoute nationale"));
        names.sort(Alphabetical.ORDER);
        assertEquals(List.of("Aide aux victimes", "Cellule enfance", "CIDFF du Nord", "ecoute locale",
                "Ecoute nationale", "Écoute nationale", "SIAO du Hainaut"), names);
    }
}
