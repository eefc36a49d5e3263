package be.tocsin.report.web;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.Operation;

import be.tocsin.platform.web.Language;
import be.tocsin.platform.problem.ProblemException;
import be.tocsin.platform.web.CsrfTokens;
import be.tocsin.report.ReportConfig;
import be.tocsin.report.lookup.NumberLookup;
import be.tocsin.report.lookup.NumberReport;
import be.tocsin.report.ratelimit.RateLimited;
import be.tocsin.report.report.ReportAccepted;
import be.tocsin.report.report.ReportIntake;
import be.tocsin.report.report.ReportValidator;
import be.tocsin.report.report.SubmitReport;
import be.tocsin.report.report.ValidReport;
import be.tocsin.report.sender.PhoneNumbers;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The citizens' web pages, in fr, nl, de and en, usable without JavaScript: report a scam, check a
 * number. They go through the same validation, intake and lookup as the JSON API.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
@Tag(name = "Web pages", description = "The citizens' HTML pages: report a scam, check a number (fr, nl, de, en)")
public class CitizenPages {

    // Times typed into the form are Belgian wall-clock times.
    private static final ZoneId FORM_ZONE = ZoneId.of("Europe/Brussels");

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance home(Page page);

        static native TemplateInstance report(Page page, ReportForm form, Map<String, String> errors);

        static native TemplateInstance received(Page page, ReportAccepted accepted);

        static native TemplateInstance check(Page page, String number, NumberReport result, String error);
    }

    private final ReportValidator validator;
    private final ReportIntake intake;
    private final NumberLookup lookup;
    private final ReportConfig config;

    public CitizenPages(ReportValidator validator, ReportIntake intake, NumberLookup lookup, ReportConfig config) {
        this.validator = validator;
        this.intake = intake;
        this.lookup = lookup;
        this.config = config;
    }

    @GET
    @Operation(hidden = true)
    public Response home(@QueryParam("lang") String lang, @HeaderParam("Accept-Language") String acceptLanguage,
            @CookieParam(CsrfTokens.COOKIE) String csrfCookie) {
        Page page = page("/", lang, acceptLanguage, csrfCookie);
        return html(200, Templates.home(page), page);
    }

    @GET
    @Path("report")
    @Operation(hidden = true)
    public Response reportForm(@QueryParam("lang") String lang, @HeaderParam("Accept-Language") String acceptLanguage,
            @CookieParam(CsrfTokens.COOKIE) String csrfCookie) {
        Page page = page("/report", lang, acceptLanguage, csrfCookie);
        return html(200, Templates.report(page, new ReportForm(), Map.of()), page);
    }

    @POST
    @Path("report")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RateLimited("reports")
    @Operation(hidden = true)
    public Response submit(@BeanParam ReportForm form, @QueryParam("lang") String lang,
            @HeaderParam("Accept-Language") String acceptLanguage, @CookieParam(CsrfTokens.COOKIE) String csrfCookie) {
        Page page = page("/report", lang, acceptLanguage, csrfCookie);
        UiMessages ui = MessageBundles.get(UiMessages.class, Localized.Literal.of(page.language().name()));
        if (!CsrfTokens.matches(csrfCookie, form.csrf)) {
            return html(403, Templates.report(page, form, Map.of("form", ui.csrfFailed())), page);
        }
        Map<String, String> errors = new LinkedHashMap<>();
        String occurredAt = isoInstant(form.occurredAt, errors, ui);
        try {
            ValidReport report = validator.validate(new SubmitReport(form.channel, form.sender, form.senderWithheld,
                    occurredAt, form.message, form.callbackNumber, null, page.language().name()), null);
            if (errors.isEmpty()) {
                ReportAccepted accepted = intake.accept(report, null, null);
                return html(200, Templates.received(page, accepted), page);
            }
        } catch (ProblemException e) {
            e.problem().errors().forEach(error -> errors.putIfAbsent(error.field(), fieldError(error.field(), ui)));
        }
        return html(422, Templates.report(page, form, errors), page);
    }

    @GET
    @Path("check")
    @RateLimited("lookups")
    @Operation(hidden = true)
    public Response check(@QueryParam("number") String number, @QueryParam("lang") String lang,
            @HeaderParam("Accept-Language") String acceptLanguage, @CookieParam(CsrfTokens.COOKIE) String csrfCookie) {
        Page page = page("/check", lang, acceptLanguage, csrfCookie);
        if (number == null || number.isBlank()) {
            return html(200, Templates.check(page, "", null, null), page);
        }
        return PhoneNumbers.parseIncludingShort(number, config.defaultRegion())
                .map(parsed -> html(200, Templates.check(page, number,
                        lookup.lookup(parsed, page.language()).toCompletableFuture().join(), null), page))
                .orElseGet(() -> html(422, Templates.check(page, number, null,
                        MessageBundles.get(UiMessages.class, Localized.Literal.of(page.language().name())).errorCallback()),
                        page));
    }

    private static Page page(String path, String lang, String acceptLanguage, String csrfCookie) {
        return new Page(Language.choose(lang, acceptLanguage), path, CsrfTokens.reuseOrCreate(csrfCookie));
    }

    private static Response html(int status, TemplateInstance template, Page page) {
        return Response.status(status).entity(template.setLocale(page.language().locale()))
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .cookie(CsrfTokens.cookie(page.csrf())).build();
    }

    /** The form's datetime-local value (Brussels time) as an ISO instant for the validator. */
    private static String isoInstant(String value, Map<String, String> errors, UiMessages ui) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(value.strip()).atZone(FORM_ZONE).toInstant().toString();
        } catch (DateTimeParseException e) {
            errors.put("occurredAt", ui.errorOccurredAt());
            return null;
        }
    }

    private static String fieldError(String field, UiMessages ui) {
        return switch (field) {
            case "channel" -> ui.errorChannel();
            case "occurredAt" -> ui.errorOccurredAt();
            case "message" -> ui.errorMessage();
            case "callbackNumber" -> ui.errorCallback();
            default -> ui.errorSender();
        };
    }
}
