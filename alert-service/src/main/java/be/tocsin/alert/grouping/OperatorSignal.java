package be.tocsin.alert.grouping;

import java.util.List;
import java.util.UUID;

/** What alert-service reads of {@code operator.signal.received}. */
public record OperatorSignal(UUID signalId, String operatorId, List<SignalIndicator> indicators, Integer observedCalls,
        String note) {

    public record SignalIndicator(String type, String value) {
    }

    public List<SignalIndicator> indicators() {
        return indicators == null ? List.of() : indicators;
    }
}
