package be.tocsin.gateway;

import be.tocsin.platform.testing.ServiceBasicsContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class OperatorGatewayBasicsTest extends ServiceBasicsContract {
}
