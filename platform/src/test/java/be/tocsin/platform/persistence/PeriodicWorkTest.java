package be.tocsin.platform.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class PeriodicWorkTest {

    @Test
    void aRoundRuns() {
        AtomicInteger rounds = new AtomicInteger();

        PeriodicWork.round("Counting", rounds::incrementAndGet);

        assertThat(rounds).hasValue(1);
    }

    @Test
    void aRoundTheDatabaseIsUnavailableForIsSkippedNotFailed() {
        SQLException lost = new SQLException("FATAL: terminating connection due to administrator command", "57P01");

        AtomicInteger rounds = new AtomicInteger();

        assertThatCode(() -> PeriodicWork.round("Purging", () -> {
            throw new IllegalStateException("statement failed", lost);
        })).doesNotThrowAnyException();
        PeriodicWork.round("Purging", rounds::incrementAndGet);

        assertThat(rounds).as("the next round, once the database is back").hasValue(1);
    }

    @Test
    void anyOtherFailureReachesTheScheduler() {
        SQLException bug = new SQLException("ERROR: column \"nope\" does not exist", "42703");
        IllegalStateException failure = new IllegalStateException("statement failed", bug);

        assertThatThrownBy(() -> PeriodicWork.round("Purging", () -> {
            throw failure;
        })).isSameAs(failure);
    }
}
