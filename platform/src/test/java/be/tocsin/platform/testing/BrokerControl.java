package be.tocsin.platform.testing;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Stops and starts the real RabbitMQ node of this machine ({@code rabbitmqctl stop_app/start_app}),
 * for tests of what happens while the broker is away. Every service on the node sees the outage.
 */
public final class BrokerControl {

    private BrokerControl() {
    }

    public static void stop() throws IOException, InterruptedException {
        run(List.of("rabbitmqctl", "-q", "stop_app"));
    }

    public static void start() throws IOException, InterruptedException {
        run(List.of("rabbitmqctl", "-q", "start_app"));
        run(List.of("rabbitmqctl", "-q", "await_startup", "--timeout", "60"));
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(command + " did not finish within 120 s");
        }
        String output = new String(process.getInputStream().readAllBytes());
        if (process.exitValue() != 0) {
            throw new IOException(command + " failed (" + process.exitValue() + "): " + output);
        }
    }
}
