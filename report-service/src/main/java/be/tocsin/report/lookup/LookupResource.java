package be.tocsin.report.lookup;

import java.util.concurrent.CompletionStage;

import org.eclipse.microprofile.openapi.annotations.Operation;

import be.tocsin.platform.web.Language;
import be.tocsin.platform.problem.ProblemException;
import be.tocsin.report.ReportConfig;
import be.tocsin.report.ratelimit.RateLimited;
import be.tocsin.report.sender.PhoneNumber;
import be.tocsin.report.sender.PhoneNumbers;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** "Has this number already been reported?" Public, rate-limited per client, served from a cache. */
@Path("/api/v1/numbers")
@Produces(MediaType.APPLICATION_JSON)
public class LookupResource {

    private final NumberLookup lookup;
    private final ReportConfig config;

    public LookupResource(NumberLookup lookup, ReportConfig config) {
        this.lookup = lookup;
        this.config = config;
    }

    @GET
    @Path("{number}")
    @RateLimited("lookups")
    @Operation(summary = "Verdict, counts and advice for a number in any written form")
    public CompletionStage<NumberReport> lookup(@PathParam("number") String number, @QueryParam("region") String region,
            @QueryParam("lang") String lang, @HeaderParam("Accept-Language") String acceptLanguage) {
        String home = PhoneNumbers.region(region, config.defaultRegion())
                .orElseThrow(() -> ProblemException.invalid("region", "must be a two-letter country code such as BE"));
        Language language = lang == null || lang.isBlank() ? Language.fromAcceptLanguage(acceptLanguage)
                : Language.parse(lang).orElseThrow(() -> ProblemException.invalid("lang", "must be fr, nl, de or en"));
        PhoneNumber parsed = PhoneNumbers.parseIncludingShort(number, home)
                .orElseThrow(() -> ProblemException.invalid("number", "is not a possible phone number"));
        // Apps ask on every incoming call: a cached answer is given on the event loop, misses are
        // read together off it (NumberLookup).
        return lookup.lookup(parsed, language);
    }
}
