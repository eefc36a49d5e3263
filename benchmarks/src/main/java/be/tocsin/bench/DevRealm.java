package be.tocsin.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Tokens from the dev realm (docs: ../shared/design/contracts.md, dev accounts): a user's through
 * the public {@code tocsin-cli} client, an operator's through client credentials. A token is asked
 * for each time one is needed, so none expires during a long run.
 */
final class DevRealm {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI tokenEndpoint;

    DevRealm(String realmUrl) {
        this.tokenEndpoint = URI.create(realmUrl + "/protocol/openid-connect/token");
    }

    String userToken(String user) {
        return token(Map.of("grant_type", "password", "client_id", "tocsin-cli", "username", user, "password", user));
    }

    String operatorToken(String operator) {
        String client = "operator-" + operator;
        return token(Map.of("grant_type", "client_credentials", "client_id", client,
                "client_secret", client + "-secret"));
    }

    private String token(Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(tokenEndpoint)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Keycloak answered " + response.statusCode() + ": " + response.body());
            }
            return Json.read(response.body()).path("access_token").asText();
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak unreachable at " + tokenEndpoint, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
