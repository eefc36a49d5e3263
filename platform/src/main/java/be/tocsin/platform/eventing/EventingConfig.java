package be.tocsin.platform.eventing;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How a service talks to the event backbone ({@code tocsin.eventing.*}). */
@ConfigMapping(prefix = "tocsin.eventing")
public interface EventingConfig {

    /** CloudEvents {@code source} of what this service publishes, e.g. {@code /report-service}. */
    String source();

    /** This service's name: its queues are {@code <service>.<purpose>}. */
    String service();

    /** The one durable topic exchange every event goes through. */
    @WithDefault("tocsin.events")
    String exchange();

    /** Direct exchange that failed messages are dead-lettered to, routed by their queue's name. */
    @WithDefault("tocsin.dead-letters")
    String deadLetterExchange();

    Broker broker();

    Relay relay();

    Consumer consumer();

    /** How old sent outbox rows and processed-event ids may grow before housekeeping deletes them. */
    Retention retention();

    interface Broker {
        @WithDefault("localhost")
        String host();

        @WithDefault("5672")
        int port();

        @WithDefault("guest")
        String username();

        @WithDefault("guest")
        String password();

        @WithDefault("/")
        String virtualHost();
    }

    interface Relay {
        /** Off only for a process that must not publish (a read replica, a test that relays by hand). */
        @WithDefault("true")
        boolean enabled();

        /** Outbox rows claimed, published and confirmed per round trip. */
        @WithDefault("200")
        int batchSize();

        /** How long the relay sleeps with nothing to send, unless a commit wakes it sooner. */
        @WithDefault("PT1S")
        Duration idlePoll();

        /** How long the broker may take to confirm a batch before the relay gives up and retries it. */
        @WithDefault("PT10S")
        Duration confirmTimeout();

        /** The longest pause between attempts while the broker or the database is unreachable. */
        @WithDefault("PT5S")
        Duration maxBackoff();
    }

    interface Consumer {
        /** Deliveries of one message before it is dead-lettered (quorum queues count them). */
        @WithDefault("5")
        int maxDeliveries();

        /** Unacknowledged messages a consumer channel may hold. */
        @WithDefault("50")
        int prefetch();

        /**
         * Deliveries already waiting on a channel that are applied together in one transaction (one
         * commit, one inbox round per event). A batch that fails is applied again one event at a time,
         * so a poison message still fails alone. An idle queue never waits to fill a batch. Off (1)
         * by default: where handlers of different channels touch the same rows, locks taken in batch
         * order make batches wait on each other or deadlock (PostgreSQL needs a second to notice).
         * A handler that writes such rows once, in a fixed order, in {@link
         * be.tocsin.platform.eventing.inbox.EventHandler#beforeCommit()} can turn it on (alert-service does).
         */
        @WithDefault("1")
        int batchSize();

        /**
         * Consumer threads run at {@link Thread#MIN_PRIORITY}, as the outbox relay always does: where
         * the JVM maps Java priorities onto the OS's ({@code deploy/local/lib.sh}), the requests people
         * wait on go first when the cores are busy, and events wait. Off where people wait on the
         * events themselves (operator-gateway: operators pull what a confirmed campaign issues).
         */
        @WithDefault("true")
        boolean yieldToRequests();

        /** Channels consuming each queue in parallel, per service instance. */
        @WithDefault("2")
        int channels();

        /** {@code quorum} (replicated, counts deliveries) or {@code classic} for brokers without quorum queues. */
        @WithDefault("quorum")
        String queueType();
    }

    interface Retention {
        /** Sent outbox rows are kept this long for inspection, then deleted. */
        @WithDefault("P1D")
        Duration sentEvents();

        /** Processed event ids are remembered this long; a redelivery later than that would apply twice. */
        @WithDefault("P30D")
        Duration processedEvents();
    }
}
