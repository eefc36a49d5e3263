package be.tocsin.alert;

import be.tocsin.platform.testing.ServiceBasicsContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class AlertServiceBasicsTest extends ServiceBasicsContract {
}
