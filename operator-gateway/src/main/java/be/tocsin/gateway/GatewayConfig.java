package be.tocsin.gateway;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** operator-gateway's settings ({@code tocsin.gateway.*}). */
@ConfigMapping(prefix = "tocsin.gateway")
public interface GatewayConfig {

    /** How long a block request stays valid; after that it shows EXPIRED. */
    @WithDefault("P90D")
    Duration requestTtl();

    /** The longest an operator's pull may wait for something new ({@code wait=} seconds). */
    @WithDefault("PT30S")
    Duration maxWait();

    /** How often a waiting pull looks again for requests another instance wrote. */
    @WithDefault("PT0.2S")
    Duration waitPoll();
}
