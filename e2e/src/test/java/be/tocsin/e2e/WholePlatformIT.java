package be.tocsin.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * For test classes that need the three packaged services: started once per class on fresh
 * databases, stopped after it (classes run one after the other, so they share the ports).
 */
abstract class WholePlatformIT {

    private static Platform platform;
    protected static ServiceProcess reports;
    protected static ServiceProcess alerts;
    protected static ServiceProcess gateway;

    @BeforeAll
    static void startPlatform() throws Exception {
        platform = Platform.start(9380);
        reports = platform.reports;
        alerts = platform.alerts;
        gateway = platform.gateway;
    }

    @AfterAll
    static void stopPlatform() throws Exception {
        if (platform != null) {
            platform.close();
            platform = null;
        }
    }
}
