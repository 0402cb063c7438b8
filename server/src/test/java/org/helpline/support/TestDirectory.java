package org.helpline.support;

import java.time.DayOfWeek;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.helpline.domain.Association;
import org.helpline.domain.Directory;
import org.helpline.domain.Hotline;
import org.helpline.domain.OpeningHours;

/** Directories for tests whose lines open and close while they run. */
public final class TestDirectory {
    private TestDirectory() {
    }

    /**
     * The emergency numbers of France of {@code shipped}, and one national line {@code id} for every need, open
     * {@code everyDay} (UTC ranges) every day.
     */
    public static Directory frenchEmergenciesAnd(Directory shipped, String id, List<OpeningHours.TimeRange> everyDay) {
        Map<DayOfWeek, List<OpeningHours.TimeRange>> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            week.put(day, everyDay);
        }
        List<Hotline> hotlines = new ArrayList<>(shipped.emergencies(Optional.of("FR")));
        hotlines.add(new Hotline(id, "Evening line", "FR", false,
                List.of(new Hotline.Number("0800 000 000", Hotline.Channel.VOICE, true)),
                OpeningHours.weekly(ZoneOffset.UTC, week), TestConfig.ALL_TOPICS, Set.of(Association.NATIONAL),
                Set.of("fr", "en"), Set.of(Hotline.Audience.values()), Set.of(),
                Map.of("fr", "Le soir.", "en", "In the evening.")));
        return new Directory(hotlines, Map.of("FR", Pattern.compile("[0-9]{2,3}|2A|2B")));
    }
}
