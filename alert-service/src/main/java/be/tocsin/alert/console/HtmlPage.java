package be.tocsin.alert.console;

import be.tocsin.platform.web.CsrfTokens;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** A console page answer: typed as HTML here (so the security headers apply) with its form-token cookie. */
final class HtmlPage {

    private HtmlPage() {
    }

    static Response of(Response.Status status, TemplateInstance page, String csrf) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(page)
                .cookie(CsrfTokens.cookie(csrf)).build();
    }
}
