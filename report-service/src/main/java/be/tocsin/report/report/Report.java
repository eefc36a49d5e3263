package be.tocsin.report.report;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A citizen's report as stored. The receipt is kept only as its SHA-256 hash. */
@Entity
@Table(name = "report")
public class Report extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "receipt_hash", nullable = false)
    public byte[] receiptHash;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Channel channel;

    @Column(name = "sender_kind")
    public String senderKind;

    @Column(name = "sender_value")
    public String senderValue;

    @Column(name = "sender_withheld", nullable = false)
    public boolean senderWithheld;

    @Column(name = "callback_e164")
    public String callbackE164;

    public String message;

    /** JSON array of the web addresses found in the message. */
    public String urls;

    @Column(nullable = false)
    public String language;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;

    @Column(name = "campaign_id")
    public UUID campaignId;

    @Column(name = "message_purged", nullable = false)
    public boolean messagePurged;
}
