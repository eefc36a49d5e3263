package be.tocsin.gateway.blocking;

import java.time.Instant;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;

import be.tocsin.platform.eventing.CloudEvent;
import be.tocsin.platform.eventing.inbox.EventHandler;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Follows the protected numbers staff keep in report-service (queue
 * {@code operator-gateway.protected-numbers}): from the moment a number is protected no block
 * covers it, those in force included.
 */
@ApplicationScoped
public class ProtectionChanges implements EventHandler {

    record ProtectionChanged(String number, @JsonProperty("protected") boolean isProtected, String label,
            String changedBy, Instant changedAt) {
    }

    private final ProtectedNumberList protectedNumbers;
    private final BlockRequestIssuer issuer;
    private final ObjectMapper mapper;

    public ProtectionChanges(ProtectedNumberList protectedNumbers, BlockRequestIssuer issuer, ObjectMapper mapper) {
        this.protectedNumbers = protectedNumbers;
        this.issuer = issuer;
        this.mapper = mapper;
    }

    @Override
    public String purpose() {
        return "protected-numbers";
    }

    @Override
    public Set<String> routingKeys() {
        return Set.of("number.protection.changed");
    }

    /**
     * A number that stops being protected is only recorded: what was kept off it is not sent again
     * by itself; a campaign confirmed from then on may block it.
     */
    @Override
    public void handle(CloudEvent event) {
        ProtectionChanged change = event.dataAs(mapper, ProtectionChanged.class);
        boolean newest = protectedNumbers.change(change.number(), change.isProtected(), change.label(),
                change.changedBy(), change.changedAt());
        if (newest && change.isProtected()) {
            issuer.keepBlocksOff(change.number());
        }
    }
}
