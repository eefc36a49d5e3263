package be.tocsin.report.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ClientAddressTest {

    private final ClientAddress clients = new ClientAddress(List.of("10.0.0.0/8", "127.0.0.1", "::1"));

    @Test
    void aDirectClientIsItsPeerWhateverItClaims() {
        assertThat(clients.resolve("203.0.113.7", "198.51.100.1")).isEqualTo("203.0.113.7");
        assertThat(clients.resolve("203.0.113.7", null)).isEqualTo("203.0.113.7");
    }

    @Test
    void behindATrustedProxyTheForwardedAddressCounts() {
        assertThat(clients.resolve("10.1.2.3", "198.51.100.1")).isEqualTo("198.51.100.1");
        assertThat(clients.resolve("127.0.0.1", "198.51.100.1")).isEqualTo("198.51.100.1");
        assertThat(clients.resolve("::1", "2001:db8::5")).isEqualTo("2001:db8::5");
    }

    @Test
    void aClientCannotHideBehindAnAddressItPrependsItself() {
        // The client sent "X-Forwarded-For: 1.1.1.1"; our proxy appended the real address.
        assertThat(clients.resolve("10.1.2.3", "1.1.1.1, 198.51.100.1")).isEqualTo("198.51.100.1");
        // Chains of our own proxies are walked past.
        assertThat(clients.resolve("10.1.2.3", "198.51.100.1, 10.9.9.9")).isEqualTo("198.51.100.1");
    }

    @Test
    void garbageInTheHeaderFallsBackToThePeer() {
        assertThat(clients.resolve("10.1.2.3", "evil.example.com")).isEqualTo("10.1.2.3");
        assertThat(clients.resolve("10.1.2.3", "<script>")).isEqualTo("10.1.2.3");
    }
}
