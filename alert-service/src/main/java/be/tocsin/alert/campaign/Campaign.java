package be.tocsin.alert.campaign;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A group of reports that are one scam: what staff confirm, dismiss, lift, merge or split. */
@Entity
@Table(name = "campaign")
public class Campaign extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String status;

    @Column(name = "merged_into")
    public UUID mergedInto;

    public String title;

    @Column(name = "report_count", nullable = false)
    public int reportCount;

    @Column(name = "first_seen")
    public Instant firstSeen;

    @Column(name = "last_seen")
    public Instant lastSeen;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
