package be.tocsin.alert.grouping;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class HotWideBlocksTest {

    private final HotWideBlocks hot = new HotWideBlocks();
    private final Instant found = Instant.parse("2026-11-28T10:00:00Z");

    @Test
    void aHotFindingHoldsForAMinuteOfReportTimeAfterIt() {
        hot.foundHot("+39069123", found);

        assertThat(hot.recentlyHot("+39069123", found)).isTrue();
        assertThat(hot.recentlyHot("+39069123", found.plusSeconds(59))).isTrue();
        assertThat(hot.recentlyHot("+39069123", found.plusSeconds(60))).as("a minute later: count again").isFalse();
        assertThat(hot.recentlyHot("+39069123", found.minusSeconds(1))).as("an older report: count again").isFalse();
    }

    @Test
    void onlyBlocksFoundHotAreRemembered() {
        hot.foundHot("+39069123", found);

        assertThat(hot.recentlyHot("+39069124", found)).isFalse();
    }
}
