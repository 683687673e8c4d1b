package dev.lectern.chapter;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ChapterSettingsTest {

    @Test
    void refusesAMaximumBelowTwiceTheMinimumNamingBothKeys() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new ChapterSettings(120_000, 200_000, false));
        assertTrue(
                e.getMessage().contains("lectern.chapters.max-duration")
                        && e.getMessage().contains("lectern.chapters.min-duration"),
                e.getMessage());
    }

    @Test
    void refusesAMinimumUnderOneSecond() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new ChapterSettings(0, 900_000, false));
        assertTrue(e.getMessage().contains("lectern.chapters.min-duration"), e.getMessage());
    }

    @Test
    void recipeChangesWithEverySetting() {
        ChapterSettings defaults = ChapterSettings.defaults();
        assertNotEquals(defaults.recipe(), new ChapterSettings(180_000, 900_000, false).recipe());
        assertNotEquals(defaults.recipe(), new ChapterSettings(120_000, 600_000, false).recipe());
        assertNotEquals(defaults.recipe(), new ChapterSettings(120_000, 900_000, true).recipe());
    }
}
