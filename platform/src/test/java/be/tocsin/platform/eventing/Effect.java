package be.tocsin.platform.eventing;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** What {@link RecordingHandler} writes for each event it applies. */
@Entity
@Table(name = "test_effect")
public class Effect {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "event_id", nullable = false)
    public UUID eventId;

    @Column(nullable = false)
    public String key;

    protected Effect() {
    }

    Effect(UUID eventId, String key) {
        this.eventId = eventId;
        this.key = key;
    }
}
