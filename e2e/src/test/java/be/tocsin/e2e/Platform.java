package be.tocsin.e2e;

import java.io.IOException;
import java.util.Map;

/**
 * The three packaged services started together for one test class, on consecutive ports
 * ({@code base+1} report-service, {@code +2} alert-service, {@code +3} operator-gateway), each on an
 * emptied end-to-end database. Closing stops them, gateway first.
 */
final class Platform implements AutoCloseable {

    final ServiceProcess reports;
    final ServiceProcess alerts;
    final ServiceProcess gateway;

    private Platform(ServiceProcess reports, ServiceProcess alerts, ServiceProcess gateway) {
        this.reports = reports;
        this.alerts = alerts;
        this.gateway = gateway;
    }

    static Platform start(int basePort) throws IOException {
        ServiceProcess reports = ServiceProcess.start("report-service", basePort + 1, true);
        ServiceProcess alerts = ServiceProcess.start("alert-service", basePort + 2, true,
                Map.of("tocsin.alerts.public-url", "http://localhost:" + (basePort + 2)));
        ServiceProcess gateway = ServiceProcess.start("operator-gateway", basePort + 3, true);
        return new Platform(reports, alerts, gateway);
    }

    @Override
    public void close() throws InterruptedException {
        gateway.close();
        alerts.close();
        reports.close();
    }
}
