package be.tocsin.platform.eventing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import be.tocsin.platform.testing.DevRealm;
import io.quarkus.test.junit.QuarkusTest;

/** The dev realm gives the tokens contracts.md promises: the roles and the operator_id claim. */
@QuarkusTest
class DevRealmTest {

    @Test
    void usersCarryTheirRealmRoles() {
        assertThat(roles(DevRealm.userToken("alice"))).contains("analyst").doesNotContain("publisher", "operator");
        assertThat(roles(DevRealm.userToken("bob"))).contains("analyst", "publisher").doesNotContain("operator");
        assertThat(roles(DevRealm.userToken("carol"))).doesNotContain("analyst", "publisher", "operator");
        JsonNode alice = DevRealm.claims(DevRealm.userToken("alice"));
        assertThat(alice.path("preferred_username").asText()).isEqualTo("alice");
        assertThat(alice.path("email").asText()).isEqualTo("alice@tocsin.example");
    }

    @Test
    void eachOperatorClientNamesItsOperator() {
        for (String operator : List.of("proximus", "orange", "telenet")) {
            String token = DevRealm.operatorToken(operator);
            assertThat(DevRealm.claims(token).path("operator_id").asText()).isEqualTo(operator);
            assertThat(roles(token)).contains("operator").doesNotContain("analyst", "publisher");
        }
    }

    private static List<String> roles(String token) {
        List<String> roles = new ArrayList<>();
        DevRealm.claims(token).path("realm_access").path("roles").forEach(role -> roles.add(role.asText()));
        return roles;
    }
}
