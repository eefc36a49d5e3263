package be.tocsin.platform.eventing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EventTypesTest {

    @Test
    void routingKeyIsTheTypeWithoutPrefixAndVersion() {
        assertThat(EventTypes.routingKey(EventTypes.REPORT_RECEIVED)).isEqualTo("report.received");
        assertThat(EventTypes.routingKey(EventTypes.OPERATOR_SIGNAL_RECEIVED)).isEqualTo("operator.signal.received");
        assertThat(EventTypes.routingKey("be.tocsin.campaign.confirmed.v12")).isEqualTo("campaign.confirmed");
    }

    @Test
    void foreignTypesAreRefused() {
        assertThatThrownBy(() -> EventTypes.routingKey("com.example.report.received.v1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventTypes.routingKey("be.tocsin.report.received"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
