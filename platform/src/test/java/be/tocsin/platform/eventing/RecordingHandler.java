package be.tocsin.platform.eventing;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import be.tocsin.platform.eventing.inbox.EventHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * The test service's consumer: writes one {@link Effect} per event and counts every attempt, so tests
 * see both what was applied and how often delivery was tried. Data {@code {"poison": true}} fails.
 */
@ApplicationScoped
public class RecordingHandler implements EventHandler {

    public static final String TYPE = "be.tocsin.test.effect.v1";
    public static final String QUEUE = "platform-test.effects";

    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final Map<String, Integer> threadPriorities = new ConcurrentHashMap<>();
    private final EntityManager entityManager;

    public RecordingHandler(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Override
    public String purpose() {
        return "effects";
    }

    @Override
    public Set<String> routingKeys() {
        return Set.of("test.effect");
    }

    @Override
    public void handle(CloudEvent event) {
        String key = event.data().path("key").asText();
        attempts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        threadPriorities.put(key, Thread.currentThread().getPriority());
        if (event.data().path("poison").asBoolean()) {
            throw new IllegalStateException("poison event " + key);
        }
        entityManager.persist(new Effect(event.id(), key));
    }

    public int attempts(String key) {
        AtomicInteger count = attempts.get(key);
        return count == null ? 0 : count.get();
    }

    /** The Java priority of the thread that last handled {@code key}'s event. */
    public Integer threadPriority(String key) {
        return threadPriorities.get(key);
    }

    public long effects(String keyPrefix) {
        return entityManager.createQuery("select count(e) from Effect e where e.key like :prefix", Long.class)
                .setParameter("prefix", keyPrefix + "%")
                .getSingleResult();
    }

    public long distinctEffectEvents(String keyPrefix) {
        return entityManager.createQuery(
                "select count(distinct e.eventId) from Effect e where e.key like :prefix", Long.class)
                .setParameter("prefix", keyPrefix + "%")
                .getSingleResult();
    }
}
