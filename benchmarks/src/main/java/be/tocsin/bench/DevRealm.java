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
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Tokens from the dev realm (docs: ../shared/design/contracts.md, dev accounts): a user's through
 * the public {@code tocsin-cli} client, an operator's through client credentials. A session
 * ({@link #session}) logs in once and again each minute, as a console or an operator's client
 * would: a password grant costs Keycloak a key derivation, too much CPU to ask for one per call on
 * the box being measured. The realm's tokens live five minutes.
 */
final class DevRealm {

    private static final Duration RENEW_AFTER = Duration.ofMinutes(1);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI tokenEndpoint;

    DevRealm(String realmUrl) {
        this.tokenEndpoint = URI.create(realmUrl + "/protocol/openid-connect/token");
    }

    /** A token from {@code login}, fetched again once it is a minute old. Not thread-safe: one per thread. */
    static Supplier<String> session(Supplier<String> login) {
        return new Supplier<>() {
            private String token;
            private long fetchedAt;

            @Override
            public String get() {
                if (token == null || System.nanoTime() - fetchedAt > RENEW_AFTER.toNanos()) {
                    token = login.get();
                    fetchedAt = System.nanoTime();
                }
                return token;
            }
        };
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
