package be.tocsin.gateway.blocking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Blocks never touch a protected number, and keep blocking everything else they covered. */
class ProtectedNumbersTest {

    private static final String CARD_STOP = "+3278170170";
    private final ProtectedNumbers protectedNumbers = new ProtectedNumbers(List.of("112", CARD_STOP));

    @Test
    void aProtectedNumberIsRefused() {
        ProtectedNumbers.Screened screened = protectedNumbers.screen(
                new BlockIndicator(BlockIndicator.NUMBER, CARD_STOP, BlockIndicator.OUTBOUND));
        assertThat(screened.sent()).isEmpty();
        assertThat(screened.protectedNumber()).contains(CARD_STOP);
    }

    @Test
    void aRangeAroundAProtectedNumberIsNarrowedToEverythingElse() {
        String range = "+32781701";
        ProtectedNumbers.Screened screened = protectedNumbers.screen(
                new BlockIndicator(BlockIndicator.NUMBER_RANGE, range, BlockIndicator.INBOUND));
        List<BlockIndicator> sent = screened.sent();
        assertThat(screened.protectedNumber()).contains(CARD_STOP);
        assertThat(sent).isNotEmpty().allSatisfy(indicator -> {
            assertThat(indicator.type()).isEqualTo(BlockIndicator.NUMBER_RANGE);
            assertThat(indicator.direction()).isEqualTo(BlockIndicator.INBOUND);
            assertThat(indicator.covers(CARD_STOP)).as("%s covers Card Stop", indicator.value()).isFalse();
        });
        // Every other number of the range is still blocked by exactly one of the narrower ranges.
        for (int suffix = 0; suffix < 100; suffix++) {
            String number = range + String.format("%02d", suffix);
            long covering = sent.stream().filter(indicator -> indicator.covers(number)).count();
            assertThat(covering).as("ranges covering %s", number).isEqualTo(number.equals(CARD_STOP) ? 0 : 1);
        }
    }

    @Test
    void whatTouchesNoProtectedNumberPassesUnchanged() {
        BlockIndicator range = new BlockIndicator(BlockIndicator.NUMBER_RANGE, "+3906901234", BlockIndicator.INBOUND);
        ProtectedNumbers.Screened screened = protectedNumbers.screen(range);
        assertThat(screened.sent()).containsExactly(range);
        assertThat(screened.changed()).isFalse();
    }

    @Test
    void aRangeThatWouldNeedTooManyPiecesIsRefused() {
        ProtectedNumbers.Screened screened = protectedNumbers.screen(
                new BlockIndicator(BlockIndicator.NUMBER_RANGE, "+32", BlockIndicator.INBOUND));
        assertThat(screened.sent()).isEmpty();
        assertThat(screened.protectedNumber()).contains(CARD_STOP);
    }
}
