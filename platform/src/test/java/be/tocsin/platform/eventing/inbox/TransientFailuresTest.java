package be.tocsin.platform.eventing.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

/** Which failures a consumer retries at once, and which go back to the queue towards the DLQ. */
class TransientFailuresTest {

    @Test
    void conflictsAndDeadlocksAreRetriedInPlace() {
        assertThat(EventConsumers.isTransient(new IllegalStateException(new TransientConflict("key claimed")))).isTrue();
        assertThat(EventConsumers.isTransient(new RuntimeException(new SQLException("deadlock", "40P01")))).isTrue();
        assertThat(EventConsumers.isTransient(new RuntimeException(new SQLException("serialization", "40001")))).isTrue();
    }

    @Test
    void everythingElseIsNot() {
        assertThat(EventConsumers.isTransient(new IllegalArgumentException("poison"))).isFalse();
        assertThat(EventConsumers.isTransient(new RuntimeException(new SQLException("unique", "23505")))).isFalse();
    }
}
