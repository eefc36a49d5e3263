package be.tocsin.e2e;

import java.io.IOException;

/**
 * Two processes of one packaged service sharing its end-to-end database and queues, as replicas
 * behind a load balancer would: the first on {@code port} (database emptied first), the second on
 * {@code port + 1}. Closing stops the second, then the first.
 */
final class TwoInstances implements AutoCloseable {

    final ServiceProcess first;
    final ServiceProcess second;

    private TwoInstances(ServiceProcess first, ServiceProcess second) {
        this.first = first;
        this.second = second;
    }

    static TwoInstances start(String module, int port) throws IOException, InterruptedException {
        ServiceProcess first = ServiceProcess.start(module, port, true);
        try {
            return new TwoInstances(first, ServiceProcess.start(module, port + 1, false));
        } catch (IOException | RuntimeException e) {
            first.close();
            throw e;
        }
    }

    @Override
    public void close() throws InterruptedException {
        try {
            second.close();
        } finally {
            first.close();
        }
    }
}
