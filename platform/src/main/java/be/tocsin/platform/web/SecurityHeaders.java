package be.tocsin.platform.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;

/**
 * A strict Content-Security-Policy and friends on every HTML page: no script at all, styles and
 * images only from this origin, forms only to this origin, never framed.
 */
@Provider
public class SecurityHeaders implements ContainerResponseFilter {

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; img-src 'self'; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        MediaType type = response.getMediaType();
        if (type != null && type.isCompatible(MediaType.TEXT_HTML_TYPE)) {
            MultivaluedMap<String, Object> headers = response.getHeaders();
            headers.putSingle("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            headers.putSingle("X-Content-Type-Options", "nosniff");
            headers.putSingle("Referrer-Policy", "no-referrer");
            headers.putSingle("X-Frame-Options", "DENY");
        }
    }
}
