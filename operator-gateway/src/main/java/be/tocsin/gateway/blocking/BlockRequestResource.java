package be.tocsin.gateway.blocking;

import java.time.Duration;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;

import be.tocsin.gateway.GatewayConfig;
import be.tocsin.gateway.operator.OperatorAudit;
import be.tocsin.gateway.operator.OperatorIdentity;
import be.tocsin.platform.problem.Problem;
import be.tocsin.platform.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The operators' API: pull your block requests after a cursor, and acknowledge them (role operator). */
@Path("/api/v1/block-requests")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("operator")
public class BlockRequestResource {

    private static final int MAX_LIMIT = 500;

    private final BlockRequestFeed feed;
    private final Acknowledgements acknowledgements;
    private final OperatorIdentity operator;
    private final OperatorAudit audit;
    private final GatewayConfig config;

    public BlockRequestResource(BlockRequestFeed feed, Acknowledgements acknowledgements, OperatorIdentity operator,
            OperatorAudit audit, GatewayConfig config) {
        this.feed = feed;
        this.acknowledgements = acknowledgements;
        this.operator = operator;
        this.audit = audit;
        this.config = config;
    }

    @GET
    @Operation(summary = "Your block requests after a cursor, oldest first; wait= holds an empty answer open until one arrives")
    public BlockRequestFeed.Page pull(@QueryParam("after") String after, @QueryParam("limit") String limit,
            @QueryParam("wait") String wait) throws InterruptedException {
        String operatorId = operator.operatorId();
        long cursor = number("after", after, 0, Long.MAX_VALUE, 0, "is not a cursor this API gave out");
        int size = (int) number("limit", limit, 1, MAX_LIMIT, 100, "must be between 1 and " + MAX_LIMIT);
        long maxWait = config.maxWait().toSeconds();
        long seconds = number("wait", wait, 0, maxWait, 0, "must be between 0 and " + maxWait + " seconds");
        BlockRequestFeed.Page page = feed.pull(operatorId, cursor, size, Duration.ofSeconds(seconds));
        audit.record(operatorId, OperatorAudit.PULL, "after " + cursor + ": " + page.items().size() + " item(s)");
        return page;
    }

    @POST
    @Path("{id}/ack")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Acknowledge a request: APPLIED or REJECTED (repeating the same answer is harmless)")
    public BlockRequest acknowledge(@PathParam("id") String id, Acknowledgements.Ack ack) {
        String operatorId = operator.operatorId();
        UUID requestId;
        try {
            requestId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problem.of(Response.Status.NOT_FOUND, "not-found", "No such block request."));
        }
        return acknowledgements.acknowledge(operatorId, requestId, ack);
    }

    private static long number(String field, String value, long min, long max, long absent, String message) {
        if (value == null || value.isEmpty()) {
            return absent;
        }
        try {
            long parsed = Long.parseLong(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below, as for a number out of range
        }
        throw ProblemException.invalid(field, message);
    }
}
