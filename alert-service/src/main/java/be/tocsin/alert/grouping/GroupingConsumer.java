package be.tocsin.alert.grouping;

import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;

import be.tocsin.platform.eventing.CloudEvent;
import be.tocsin.platform.eventing.inbox.EventHandler;
import jakarta.enterprise.context.ApplicationScoped;

/** Consumes {@code report.received} and {@code operator.signal.received} on queue {@code alert-service.grouping}. */
@ApplicationScoped
public class GroupingConsumer implements EventHandler {

    private final Grouping grouping;
    private final ObjectMapper mapper;

    public GroupingConsumer(Grouping grouping, ObjectMapper mapper) {
        this.grouping = grouping;
        this.mapper = mapper;
    }

    @Override
    public String purpose() {
        return "grouping";
    }

    @Override
    public Set<String> routingKeys() {
        return Set.of("report.received", "operator.signal.received");
    }

    @Override
    public void handle(CloudEvent event) {
        if ("operator.signal.received".equals(event.routingKey())) {
            grouping.group(event.dataAs(mapper, OperatorSignal.class));
        } else {
            grouping.group(event.dataAs(mapper, ReportReceived.class));
        }
    }

    @Override
    public void prepare(List<CloudEvent> events) {
        grouping.prepare(events.stream().filter(event -> "report.received".equals(event.routingKey()))
                .map(event -> event.dataAs(mapper, ReportReceived.class)).toList());
    }

    @Override
    public void beforeCommit() {
        grouping.flush();
    }
}
