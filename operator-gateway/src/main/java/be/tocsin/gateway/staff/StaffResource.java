package be.tocsin.gateway.staff;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The centre staff's view of the operators (role analyst): as JSON for tools, and as a page that
 * staff open in the browser through Keycloak's login (the console tenant, see application.properties).
 */
@Path("/")
@RolesAllowed("analyst")
public class StaffResource {

    private static final int REFUSALS_SHOWN = 100;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance operators(List<OperatorStatistics.OperatorProgress> operators,
                List<OperatorStatistics.Refusal> refusals);
    }

    private final OperatorStatistics statistics;

    public StaffResource(OperatorStatistics statistics) {
        this.statistics = statistics;
    }

    @GET
    @Path("api/v1/operators")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Per operator: pending, applied, rejected and expired requests, and the median and 95th-percentile time to apply")
    public List<OperatorStatistics.OperatorProgress> operators() {
        return statistics.operators();
    }

    @GET
    @Path("api/v1/refusals")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Indicators kept off protected numbers: refused, or narrowed to the ranges around them")
    public List<OperatorStatistics.Refusal> refusals() {
        return statistics.refusals(REFUSALS_SHOWN);
    }

    @GET
    @Path("operators")
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public TemplateInstance page() {
        return Templates.operators(statistics.operators(), statistics.refusals(REFUSALS_SHOWN));
    }
}
