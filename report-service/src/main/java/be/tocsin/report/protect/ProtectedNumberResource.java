package be.tocsin.report.protect;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;

import com.fasterxml.jackson.annotation.JsonProperty;

import be.tocsin.platform.eventing.EventTypes;
import be.tocsin.platform.eventing.outbox.Outbox;
import be.tocsin.platform.problem.Problem;
import be.tocsin.platform.problem.ProblemException;
import be.tocsin.report.ReportConfig;
import be.tocsin.report.lookup.KnownNumbers;
import be.tocsin.report.lookup.NumberLookup;
import be.tocsin.report.sender.PhoneNumber;
import be.tocsin.report.sender.PhoneNumbers;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Staff keep the list of numbers that always answer PROTECTED (emergency and official lines). Each
 * change is announced ({@code number.protection.changed}) so operator-gateway keeps blocks off the
 * number too.
 */
@Path("/api/v1/protected-numbers")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("analyst")
public class ProtectedNumberResource {

    public record ProtectedNumber(String number, String label, String addedBy) {
    }

    public record Label(String label) {
    }

    /** The data of {@code number.protection.changed}. */
    record ProtectionChanged(String number, @JsonProperty("protected") boolean isProtected, String label,
            String changedBy, Instant changedAt) {
    }

    private final EntityManager entityManager;
    private final NumberLookup lookup;
    private final KnownNumbers known;
    private final SecurityIdentity identity;
    private final ReportConfig config;
    private final Outbox outbox;

    public ProtectedNumberResource(EntityManager entityManager, NumberLookup lookup, KnownNumbers known,
            SecurityIdentity identity, ReportConfig config, Outbox outbox) {
        this.entityManager = entityManager;
        this.lookup = lookup;
        this.known = known;
        this.identity = identity;
        this.config = config;
        this.outbox = outbox;
    }

    @GET
    @Operation(summary = "The protected numbers")
    public List<ProtectedNumber> list() {
        List<?> rows = entityManager.createNativeQuery("SELECT e164, label, added_by FROM protected_number ORDER BY e164")
                .getResultList();
        return rows.stream().map(row -> (Object[]) row)
                .map(r -> new ProtectedNumber((String) r[0], (String) r[1], (String) r[2])).toList();
    }

    @PUT
    @Path("{number}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    @Operation(summary = "Protect a number (any written form; short numbers too)")
    public ProtectedNumber protect(@PathParam("number") String number, @QueryParam("region") String region, Label body) {
        if (body == null || body.label() == null || body.label().isBlank() || body.label().length() > 200) {
            throw ProblemException.invalid("label", "is required, at most 200 characters");
        }
        PhoneNumber parsed = parse(number, region);
        String label = body.label().strip();
        String analyst = identity.getPrincipal().getName();
        entityManager.createNativeQuery("""
                INSERT INTO protected_number (e164, label, added_by) VALUES (?1, ?2, ?3)
                ON CONFLICT (e164) DO UPDATE SET label = EXCLUDED.label, added_by = EXCLUDED.added_by, added_at = now()""")
                .setParameter(1, parsed.e164()).setParameter(2, label).setParameter(3, analyst).executeUpdate();
        known.add(List.of(parsed.e164()));
        changed(parsed.e164(), true, label);
        return new ProtectedNumber(parsed.e164(), label, analyst);
    }

    @DELETE
    @Path("{number}")
    @Transactional
    @Operation(summary = "Stop protecting a number")
    public Response unprotect(@PathParam("number") String number, @QueryParam("region") String region) {
        String e164 = parse(number, region).e164();
        int deleted = entityManager.createNativeQuery("DELETE FROM protected_number WHERE e164 = ?1")
                .setParameter(1, e164).executeUpdate();
        if (deleted == 0) {
            throw new ProblemException(Problem.of(Response.Status.NOT_FOUND, "not-found", "This number is not protected."));
        }
        changed(e164, false, null);
        return Response.noContent().build();
    }

    /** operator-gateway hears of it through the outbox, and lookups answer anew once this commits. */
    private void changed(String e164, boolean isProtected, String label) {
        outbox.publish(EventTypes.NUMBER_PROTECTION_CHANGED,
                new ProtectionChanged(e164, isProtected, label, identity.getPrincipal().getName(), Instant.now()));
        lookup.forgetAll();
    }

    private PhoneNumber parse(String number, String region) {
        String home = PhoneNumbers.region(region, config.defaultRegion())
                .orElseThrow(() -> ProblemException.invalid("region", "must be a two-letter country code such as BE"));
        return PhoneNumbers.parseIncludingShort(number, home)
                .orElseThrow(() -> ProblemException.invalid("number", "is not a possible phone number"));
    }
}
