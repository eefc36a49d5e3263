package be.tocsin.platform.web;

import java.util.ArrayList;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * What every Tocsin API document states the same way (registered with {@code mp.openapi.filter}):
 * an operation without a security requirement is public and says so ({@code security: []}), and
 * every operation documents its client errors as problem+json.
 */
public class OpenApiConventions implements OASFilter {

    private static final String PROBLEM_JSON = "application/problem+json";

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
                APIResponses responses = operation.getResponses();
                if (responses != null && responses.getAPIResponses().values().stream().noneMatch(OpenApiConventions::isProblem)) {
                    // SmallRye's own "400 Bad Request" has no content: the problem document says more.
                    APIResponse badRequest = responses.getAPIResponse("400");
                    if (badRequest != null && badRequest.getContent() == null) {
                        responses.removeAPIResponse("400");
                    }
                    responses.addAPIResponse("4XX", OASFactory.createAPIResponse()
                            .description("The request was refused: an application/problem+json document says why, "
                                    + "with the fields at fault")
                            .content(OASFactory.createContent().addMediaType(PROBLEM_JSON, OASFactory.createMediaType())));
                }
            }
        }
    }

    private static boolean isProblem(APIResponse response) {
        return response.getContent() != null && response.getContent().hasMediaType(PROBLEM_JSON);
    }
}
