package be.tocsin.gateway.blocking;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A block request as operators pull it (contracts.md, operator-gateway). */
public record BlockRequest(UUID id, long sequence, String action, UUID campaignId, String reason,
        List<BlockIndicator> indicators, Instant issuedAt, Instant expiresAt, String status, Instant appliedAt,
        String comment) {

    public static final String BLOCK = "BLOCK";
    public static final String LIFT = "LIFT";
    public static final String PENDING = "PENDING";
    public static final String APPLIED = "APPLIED";
    public static final String REJECTED = "REJECTED";
    public static final String EXPIRED = "EXPIRED";
}
