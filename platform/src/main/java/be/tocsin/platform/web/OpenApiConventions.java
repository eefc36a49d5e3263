package be.tocsin.platform.web;

import java.util.ArrayList;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;

/**
 * What every Tocsin API document states the same way (registered with {@code mp.openapi.filter}):
 * an operation without a security requirement is public and says so ({@code security: []}), and
 * every operation documents its client errors as problem+json.
 */
public class OpenApiConventions implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (PathItem path : openAPI.getPaths().getPathItems().values()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : path.getOperations().entrySet()) {
                Operation operation = entry.getValue();
                if (operation.getSecurity() == null) {
                    operation.setSecurity(new ArrayList<>());
                }
                if (operation.getResponses() != null && operation.getResponses().getAPIResponses().keySet().stream()
                        .noneMatch(code -> code.startsWith("4"))) {
                    operation.getResponses().addAPIResponse("4XX", OASFactory.createAPIResponse()
                            .description("The request was refused: an application/problem+json document says why, "
                                    + "with the fields at fault")
                            .content(OASFactory.createContent().addMediaType("application/problem+json",
                                    OASFactory.createMediaType())));
                }
            }
        }
    }
}
