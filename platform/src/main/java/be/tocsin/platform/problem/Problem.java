package be.tocsin.platform.problem;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** An RFC 9457 problem document: what every Tocsin error answers, never a stack trace. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://tocsin.be/problems/";

    /** One field at fault, named as in the request ({@code sender}, {@code texts.fr.headline}). */
    public record FieldError(String field, String message) {
    }

    public static Problem of(Response.Status status, String slug, String detail) {
        return new Problem(TYPE_BASE + slug, status.getReasonPhrase(), status.getStatusCode(), detail, List.of());
    }

    public static Problem of(int status, String title, String slug, String detail) {
        return new Problem(TYPE_BASE + slug, title, status, detail, List.of());
    }

    public static Problem invalidFields(List<FieldError> errors) {
        return new Problem(TYPE_BASE + "invalid-fields", "Unprocessable Content", 422,
                "Some fields are not valid; nothing was stored.", errors);
    }

    public Response.ResponseBuilder response() {
        return Response.status(status).type(MediaType.valueOf(MEDIA_TYPE)).entity(this);
    }
}
