package be.tocsin.platform.health;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Ready only while the OIDC provider (Keycloak) serves its discovery document: without it a service
 * answers 500 to every bearer token, so it must not take traffic.
 */
@Readiness
@ApplicationScoped
public class OidcProviderReadiness implements HealthCheck {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final Optional<String> authServerUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    public OidcProviderReadiness(@ConfigProperty(name = "quarkus.oidc.auth-server-url") Optional<String> authServerUrl) {
        this.authServerUrl = authServerUrl;
    }

    @Override
    public HealthCheckResponse call() {
        if (authServerUrl.isEmpty()) {
            return HealthCheckResponse.named("OIDC provider").up().withData("configured", false).build();
        }
        String discovery = authServerUrl.get().replaceAll("/+$", "") + "/.well-known/openid-configuration";
        boolean up;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(discovery)).timeout(TIMEOUT).GET().build();
            up = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (java.io.IOException e) {
            up = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            up = false;
        }
        return HealthCheckResponse.named("OIDC provider").status(up).withData("discovery", discovery).build();
    }
}
