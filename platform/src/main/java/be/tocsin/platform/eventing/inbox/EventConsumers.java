package be.tocsin.platform.eventing.inbox;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Delivery;

import be.tocsin.platform.eventing.BrokerConnections;
import be.tocsin.platform.eventing.CloudEvent;
import be.tocsin.platform.eventing.EventingConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

/**
 * Declares each {@link EventHandler}'s queue and dead-letter queue and consumes it: every message is
 * applied in a transaction together with its inbox record (messages already waiting share one, see
 * {@code tocsin.eventing.consumer.batch-size}), acknowledged only after the commit,
 * sent back to the queue when it fails (the quorum queue counts the deliveries and dead-letters it past
 * the limit), and dead-lettered at once when it is not a readable event at all.
 */
@ApplicationScoped
public class EventConsumers {

    private static final Logger LOG = Logger.getLogger(EventConsumers.class);
    /** Tries of one delivery in this consumer before a transient conflict sends it back to the queue. */
    private static final int IN_PLACE_ATTEMPTS = 5;

    private final List<EventHandler> handlers = new ArrayList<>();
    private final List<Thread> workers = new CopyOnWriteArrayList<>();
    private final BrokerConnections broker;
    private final Inbox inbox;
    private final EventingConfig config;
    private final ObjectMapper mapper;
    private final MeterRegistry metrics;

    private volatile Connection connection;
    private volatile boolean running;
    private Thread connector;

    public EventConsumers(@Any Instance<EventHandler> handlers, BrokerConnections broker, Inbox inbox,
            EventingConfig config, ObjectMapper mapper, MeterRegistry metrics) {
        handlers.forEach(this.handlers::add);
        this.metrics = metrics;
        this.broker = broker;
        this.inbox = inbox;
        this.config = config;
        this.mapper = mapper;
    }

    /** The name of the queue a handler consumes. */
    public String queueOf(EventHandler handler) {
        return config.service() + "." + handler.purpose();
    }

    /** Whether this service consumes anything, and if so, whether its connection is open. */
    public boolean healthy() {
        Connection current = connection;
        return handlers.isEmpty() || (current != null && current.isOpen());
    }

    void start(@Observes StartupEvent startup) {
        if (handlers.isEmpty()) {
            return;
        }
        running = true;
        // The first connection is retried here; once made, the client recovers it by itself.
        connector = new Thread(this::connectAndSubscribe, "event-consumers-connect");
        connector.setDaemon(true);
        connector.start();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        running = false;
        if (connector != null) {
            connector.interrupt();
        }
        workers.forEach(Thread::interrupt);
        Connection current = connection;
        if (current != null) {
            current.abort(2_000);
        }
    }

    private void connectAndSubscribe() {
        long pause = 100;
        while (running) {
            try {
                Connection opened = broker.open("consumers", true);
                try {
                    for (EventHandler handler : handlers) {
                        subscribe(opened, handler);
                    }
                } catch (IOException | RuntimeException e) {
                    opened.abort();
                    workers.forEach(Thread::interrupt);
                    workers.clear();
                    throw e;
                }
                connection = opened;
                return;
            } catch (Exception e) {
                LOG.warnf("Event consumers cannot reach the broker (%s); trying again in %d ms", e, pause);
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException interrupted) {
                    return;
                }
                pause = Math.min(pause * 2, config.relay().maxBackoff().toMillis());
            }
        }
    }

    private void subscribe(Connection connection, EventHandler handler) throws IOException {
        String queue = queueOf(handler);
        String deadLetters = queue + ".dlq";
        for (int i = 0; i < config.consumer().channels(); i++) {
            // Declared on a channel that stays open: automatic recovery re-declares through it.
            Channel channel = connection.createChannel();
            if (i == 0) {
                broker.declareExchanges(channel);
                channel.queueDeclare(deadLetters, true, false, false,
                        Map.of("x-queue-type", config.consumer().queueType()));
                channel.queueBind(deadLetters, config.deadLetterExchange(), queue);
                channel.queueDeclare(queue, true, false, false, queueArguments(queue));
                for (String routingKey : handler.routingKeys()) {
                    channel.queueBind(queue, config.exchange(), routingKey);
                }
            }
            ChannelWorker worker = new ChannelWorker(channel, queue, handler);
            Thread thread = new Thread(worker, queue + "-" + i);
            thread.setDaemon(true);
            thread.setPriority(config.consumer().yieldToRequests() ? Thread.MIN_PRIORITY : Thread.NORM_PRIORITY);
            thread.start();
            workers.add(thread);
            channel.basicQos(config.consumer().prefetch());
            channel.basicConsume(queue, false, (tag, delivery) -> worker.arrived(delivery),
                    tag -> LOG.warnf("Consumer of %s was cancelled by the broker", queue));
        }
        LOG.infof("Consuming %s (routing keys %s, dead letters to %s)", queue, handler.routingKeys(), deadLetters);
    }

    private Map<String, Object> queueArguments(String queue) {
        Map<String, Object> arguments = new HashMap<>();
        arguments.put("x-queue-type", config.consumer().queueType());
        arguments.put("x-dead-letter-exchange", config.deadLetterExchange());
        arguments.put("x-dead-letter-routing-key", queue);
        if ("quorum".equals(config.consumer().queueType())) {
            // The limit counts redeliveries: the first delivery is not one of them.
            arguments.put("x-delivery-limit", config.consumer().maxDeliveries() - 1);
        }
        return arguments;
    }

    /**
     * Applies one channel's deliveries in the order they came, each round taking whatever arrived
     * while the previous round was applied (up to the batch size): under load many events share a
     * commit, when idle an event is applied as soon as it arrives.
     */
    private final class ChannelWorker implements Runnable {

        private final BlockingQueue<Delivery> arrived = new LinkedBlockingQueue<>();
        private final Channel channel;
        private final String queue;
        private final EventHandler handler;

        ChannelWorker(Channel channel, String queue, EventHandler handler) {
            this.channel = channel;
            this.queue = queue;
            this.handler = handler;
        }

        void arrived(Delivery delivery) {
            arrived.add(delivery);
        }

        @Override
        public void run() {
            List<Delivery> round = new ArrayList<>();
            while (running) {
                try {
                    round.add(arrived.take());
                } catch (InterruptedException stopped) {
                    return;
                }
                arrived.drainTo(round, config.consumer().batchSize() - 1);
                try {
                    apply(round);
                } catch (IOException | RuntimeException e) {
                    // The channel closed under us: what was not acknowledged is delivered again.
                    LOG.warnf("%s: %d deliveries left unacknowledged: %s", queue, round.size(), e.toString());
                }
                round.clear();
            }
        }

        private void apply(List<Delivery> deliveries) throws IOException {
            List<Received> readable = new ArrayList<>();
            for (Delivery delivery : deliveries) {
                long tag = delivery.getEnvelope().getDeliveryTag();
                try {
                    readable.add(new Received(tag, CloudEvent.parse(mapper, delivery.getBody())));
                } catch (IOException | RuntimeException e) {
                    LOG.warnf("%s: unreadable message %s dead-lettered: %s", queue,
                            delivery.getProperties().getMessageId(), e.getMessage());
                    channel.basicReject(tag, false);
                    count(queue, "unreadable");
                }
            }
            applyInOrder(readable);
        }

        /**
         * Applies the events together; when one of them fails, the others are applied together again
         * without it and it goes back to the queue on its own, so a poison message costs one handler
         * attempt per delivery, as it would unbatched. A transient conflict or a failed commit is
         * not any one event's fault: those events are applied one at a time, with retries in place.
         */
        private void applyInOrder(List<Received> events) throws IOException {
            List<Received> rest = events;
            while (rest.size() > 1) {
                try {
                    applyTogether(rest);
                    return;
                } catch (RuntimeException failure) {
                    metrics.counter("tocsin.events.split-batches", "queue", queue).increment();
                    FailedInBatch culprit = FailedInBatch.in(failure);
                    if (culprit == null || isTransient(failure)) {
                        break;
                    }
                    applyInOrder(rest.subList(0, culprit.index));
                    Received failed = rest.get(culprit.index);
                    rejectForRedelivery(failed.event(), failed.tag(), culprit.getCause());
                    rest = rest.subList(culprit.index + 1, rest.size());
                }
            }
            for (Received received : rest) {
                applyAlone(received);
            }
        }

        private void applyTogether(List<Received> batch) throws IOException {
            List<Boolean> firsts = QuarkusTransaction.requiringNew().call(() -> {
                List<Boolean> first = inbox.firstDeliveries(queue, batch.stream().map(received -> received.event().id()).toList());
                List<CloudEvent> firstTime = new ArrayList<>();
                for (int i = 0; i < batch.size(); i++) {
                    if (first.get(i)) {
                        firstTime.add(batch.get(i).event());
                    }
                }
                handler.prepare(firstTime);
                for (int i = 0; i < batch.size(); i++) {
                    if (first.get(i)) {
                        try {
                            handler.handle(batch.get(i).event());
                        } catch (RuntimeException e) {
                            throw new FailedInBatch(i, e);
                        }
                    }
                }
                handler.beforeCommit();
                return first;
            });
            // One acknowledgement for the whole batch: every delivery before it on this channel is
            // settled already (rounds run one after another, failures were sent back on their own),
            // and on a quorum queue each acknowledgement frame is a command in its replicated log.
            channel.basicAck(batch.get(batch.size() - 1).tag(), true);
            for (int i = 0; i < batch.size(); i++) {
                count(queue, firsts.get(i) ? "applied" : "duplicate");
            }
        }

        private void applyAlone(Received received) throws IOException {
            CloudEvent event = received.event();
            boolean applied;
            try {
                applied = applyOnce(queue, handler, event);
            } catch (RuntimeException e) {
                rejectForRedelivery(event, received.tag(), e);
                return;
            }
            channel.basicAck(received.tag(), false);
            count(queue, applied ? "applied" : "duplicate");
        }

        private void rejectForRedelivery(CloudEvent event, long tag, Throwable failure) throws IOException {
            LOG.warnf(failure, "%s: event %s (%s) failed; back to the queue, dead-lettered after %d deliveries",
                    queue, event.id(), event.type(), config.consumer().maxDeliveries());
            channel.basicNack(tag, false, true);
            count(queue, "failed");
        }
    }

    /** Which event of a batch failed; the whole batch was rolled back. */
    private static final class FailedInBatch extends RuntimeException {
        final int index;

        FailedInBatch(int index, RuntimeException cause) {
            super(cause);
            this.index = index;
        }

        static FailedInBatch in(Throwable failure) {
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                if (cause instanceof FailedInBatch culprit) {
                    return culprit;
                }
            }
            return null;
        }
    }

    private record Received(long tag, CloudEvent event) {
    }

    /**
     * Records the event in the inbox and lets the handler apply it, in one transaction; a transient
     * conflict (another consumer got there first, a deadlock) is retried at once in a new one.
     */
    private boolean applyOnce(String queue, EventHandler handler, CloudEvent event) {
        for (int attempt = 1;; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(() -> {
                    boolean applied = applyInCurrentTransaction(queue, handler, event);
                    handler.beforeCommit();
                    return applied;
                });
            } catch (RuntimeException e) {
                if (attempt >= IN_PLACE_ATTEMPTS || !isTransient(e)) {
                    throw e;
                }
                metrics.counter("tocsin.events.conflicts", "queue", queue).increment();
                try {
                    Thread.sleep(ThreadLocalRandom.current().nextLong(2, 10L * attempt));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Records the event in the inbox and, the first time only, lets the handler apply it. */
    private boolean applyInCurrentTransaction(String queue, EventHandler handler, CloudEvent event) {
        boolean first = inbox.firstDelivery(queue, event.id());
        if (first) {
            handler.prepare(List.of(event));
            handler.handle(event);
        }
        return first;
    }

    /** A {@link TransientConflict}, or PostgreSQL's serialization failure or deadlock, anywhere in the causes. */
    static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TransientConflict) {
                return true;
            }
            if (cause instanceof java.sql.SQLException sql
                    && ("40001".equals(sql.getSQLState()) || "40P01".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    private void count(String queue, String outcome) {
        metrics.counter("tocsin.events.consumed", "queue", queue, "outcome", outcome).increment();
    }
}
