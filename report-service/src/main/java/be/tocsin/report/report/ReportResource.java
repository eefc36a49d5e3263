package be.tocsin.report.report;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import be.tocsin.platform.web.Language;
import be.tocsin.platform.problem.Problem;
import be.tocsin.platform.problem.ProblemException;
import be.tocsin.report.ratelimit.RateLimited;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Citizens report a scam and follow their report. Public, rate-limited per client. */
@Path("/api/v1/reports")
@Produces(MediaType.APPLICATION_JSON)
public class ReportResource {

    /** Bodies above this are refused with 413 before they are read as JSON. */
    static final int MAX_BODY_BYTES = 16 * 1024;

    private final ReportValidator validator;
    private final ReportIntake intake;
    private final ReportFollowUp followUp;
    private final ObjectMapper mapper;

    public ReportResource(ReportValidator validator, ReportIntake intake, ReportFollowUp followUp, ObjectMapper mapper) {
        this.validator = validator;
        this.intake = intake;
        this.followUp = followUp;
        this.mapper = mapper;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RateLimited("reports")
    @Operation(summary = "Report a scam call, SMS, e-mail, site or messaging-app contact")
    @APIResponse(responseCode = "202", description = "Stored: the receipt to follow the report, what was recognised, and advice",
            headers = @Header(name = "Location", description = "The report's status, relative: /api/v1/reports/{id}",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReportAccepted.class)))
    public Uni<Response> submit(@RequestBody(description = "The report (see contracts.md)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SubmitReport.class))) byte[] body,
            @HeaderParam("Idempotency-Key") String idempotencyKey,
            @HeaderParam("Accept-Language") String acceptLanguage) throws java.io.IOException {
        if (body.length > MAX_BODY_BYTES) {
            throw new ProblemException(Problem.of(Response.Status.REQUEST_ENTITY_TOO_LARGE, "body-too-large",
                    "A report may be at most 16 KiB."));
        }
        JsonNode json = body.length == 0 ? null : mapper.readTree(body);
        if (json == null || !json.isObject()) {
            throw new ProblemException(Problem.of(Response.Status.BAD_REQUEST, "malformed-json",
                    "The body must be a JSON object."));
        }
        // From the tree already read: parsing the bytes a second time cost as much again (JFR).
        SubmitReport request = mapper.treeToValue(json, SubmitReport.class);
        ValidReport report = validator.validate(request, acceptLanguage);
        // The body's hash tells a retry from another report under the same key; without a key it is not needed.
        byte[] requestHash = idempotencyKey == null ? null : Receipts.hash(new String(body, StandardCharsets.UTF_8));
        // Parsing and validating is all this method does on the HTTP event loop; the report then waits
        // for its batch's commit without a worker thread parked on it, and the answer is written back
        // on the request's own Vert.x context.
        Context caller = Vertx.currentContext();
        Uni<ReportAccepted> accepted = intake.acceptAsync(report, idempotencyKey, requestHash);
        return (caller == null ? accepted : accepted.emitOn(task -> caller.runOnContext(ignored -> task.run())))
                // Relative, exactly as contracts.md writes it.
                .map(stored -> Response.accepted(stored).header("Location", "/api/v1/reports/" + stored.id()).build());
    }

    @GET
    @Path("{id}")
    @Operation(summary = "What became of a report; needs the receipt given when it was made (X-Receipt)")
    public ReportStatus status(@PathParam("id") String id, @HeaderParam("X-Receipt") String receipt) {
        return parseUuid(id).flatMap(reportId -> followUp.status(reportId, receipt))
                .orElseThrow(() -> new ProblemException(Problem.of(Response.Status.NOT_FOUND, "not-found",
                        "No report with this id and receipt.")));
    }

    private static java.util.Optional<UUID> parseUuid(String id) {
        try {
            return java.util.Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }
}
