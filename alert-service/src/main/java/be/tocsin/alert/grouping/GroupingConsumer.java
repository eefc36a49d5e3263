package be.tocsin.alert.grouping;

import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;

import be.tocsin.platform.eventing.CloudEvent;
import be.tocsin.platform.eventing.inbox.EventHandler;
import jakarta.enterprise.context.ApplicationScoped;

/** Consumes {@code report.received} on queue {@code alert-service.grouping}. */
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
        return Set.of("report.received");
    }

    @Override
    public void handle(CloudEvent event) {
        grouping.group(event.dataAs(mapper, ReportReceived.class));
    }
}
