package be.tocsin.report;

import be.tocsin.platform.testing.ServiceBasicsContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ReportServiceBasicsTest extends ServiceBasicsContract {
}
