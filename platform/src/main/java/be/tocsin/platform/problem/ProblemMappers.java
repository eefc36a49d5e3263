package be.tocsin.platform.problem;

import java.util.List;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import be.tocsin.platform.persistence.DatabaseUnavailable;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/**
 * Turns every failure into problem+json: malformed JSON 400, wrong types and invalid fields 422 with
 * the field at fault, HTTP errors with their own status, anything unexpected 500 without details
 * (logged here, never sent).
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        Response.ResponseBuilder response = e.problem().response();
        e.headers().forEach(response::header);
        return response.build();
    }

    @ServerExceptionMapper
    public Response wrongType(MismatchedInputException e) {
        String field = fieldPath(e);
        if (field.isEmpty()) {
            return Problem.of(Response.Status.BAD_REQUEST, "malformed-json", "The body must be a JSON object.")
                    .response().build();
        }
        return Problem.invalidFields(List.of(new Problem.FieldError(field, "has the wrong type"))).response().build();
    }

    @ServerExceptionMapper
    public Response malformed(JsonProcessingException e) {
        return Problem.of(Response.Status.BAD_REQUEST, "malformed-json", "The body is not valid JSON.")
                .response().build();
    }

    @ServerExceptionMapper
    public Response constraints(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(leafPath(v), v.getMessage()))
                .sorted(java.util.Comparator.comparing(Problem.FieldError::field))
                .toList();
        return Problem.invalidFields(errors).response().build();
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        Response.StatusType type = e.getResponse().getStatusInfo();
        String slug = type.getReasonPhrase().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z]+", "-");
        Response.ResponseBuilder response = Problem.of(status, type.getReasonPhrase(), slug, type.getReasonPhrase())
                .response();
        e.getResponse().getHeaders().forEach((name, values) -> {
            if (!"Content-Type".equalsIgnoreCase(name)) {
                values.forEach(value -> response.header(name, value));
            }
        });
        return response.build();
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e) {
        if (DatabaseUnavailable.in(e)) {
            // Not our bug and not the client's: the database is away (restart, network). Say so,
            // and when to come back, instead of a 500.
            LOG.warnf("Answering 503: the database is unavailable (%s)", e.getMessage());
            return Problem.of(Response.Status.SERVICE_UNAVAILABLE, "unavailable",
                    "The service cannot reach its database right now; nothing was stored. Please try again shortly.")
                    .response().header("Retry-After", "5").build();
        }
        LOG.error("Unexpected failure while answering a request", e);
        return Problem.of(Response.Status.INTERNAL_SERVER_ERROR, "internal-error",
                "Something went wrong on our side; nothing was stored. Please try again later.")
                .response().build();
    }

    private static String fieldPath(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String leafPath(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        // "submit.request.sender" → "sender": the client knows fields, not Java method names.
        String[] parts = path.split("\\.");
        return parts.length > 2 ? String.join(".", java.util.Arrays.copyOfRange(parts, 2, parts.length)) : path;
    }
}
