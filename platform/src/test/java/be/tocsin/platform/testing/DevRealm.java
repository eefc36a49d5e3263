package be.tocsin.platform.testing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.keycloak.client.KeycloakTestClient;

/** Real tokens from the dev realm of contracts.md (Keycloak started by deploy/local/test.sh). */
public final class DevRealm {

    public static final String DEFAULT_URL = "http://localhost:8180/realms/tocsin";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private DevRealm() {
    }

    public static String url() {
        return ConfigProvider.getConfig().getOptionalValue("quarkus.oidc.auth-server-url", String.class)
                .or(() -> ConfigProvider.getConfig().getOptionalValue("tocsin.test.realm-url", String.class))
                .orElse(DEFAULT_URL);
    }

    /** A password-grant token for a dev user (alice, bob, carol) through the public tocsin-cli client. */
    public static String userToken(String username) {
        return new KeycloakTestClient(url()).getAccessToken(username, username, "tocsin-cli");
    }

    /**
     * A genuine token for {@code username} that has already expired: the dev realm's
     * tocsin-cli-expiring client issues tokens valid for 2 seconds, and this waits them out.
     */
    public static String expiredUserToken(String username) throws InterruptedException {
        String token = new KeycloakTestClient(url()).getAccessToken(username, username, "tocsin-cli-expiring");
        Thread.sleep(4_000);
        return token;
    }

    /** A genuine token from another realm of the same Keycloak (master's admin): the wrong issuer and keys. */
    public static String otherRealmToken() {
        String master = url().replaceFirst("/realms/[^/]+$", "/realms/master");
        return new KeycloakTestClient(master).getAccessToken("admin", "admin", "admin-cli");
    }

    /** {@code token} with one character of its signature changed. */
    public static String tampered(String token) {
        int last = token.length() - 5;
        char swapped = token.charAt(last) == 'A' ? 'B' : 'A';
        return token.substring(0, last) + swapped + token.substring(last + 1);
    }

    /** A client-credentials token for an operator (proximus, orange, telenet). */
    public static String operatorToken(String operator) {
        String client = "operator-" + operator;
        return new KeycloakTestClient(url()).getClientAccessToken(client, client + "-secret");
    }

    /** The claims of a JWT, read without checking the signature (the services do that). */
    public static JsonNode claims(String jwt) {
        String[] parts = jwt.split("\\.");
        try {
            return MAPPER.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not a JWT", e);
        }
    }
}
