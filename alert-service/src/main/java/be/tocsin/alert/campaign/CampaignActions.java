package be.tocsin.alert.campaign;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import be.tocsin.alert.grouping.CampaignMerger;
import be.tocsin.platform.eventing.EventTypes;
import be.tocsin.platform.eventing.outbox.Outbox;
import be.tocsin.platform.problem.Problem;
import be.tocsin.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;

/**
 * What staff do to a campaign: confirm (→ campaign.confirmed, which operators act on), dismiss,
 * lift (→ campaign.lifted). Each action checks the campaign's state, is audited, and its event
 * commits with it through the outbox.
 */
@ApplicationScoped
@Transactional
public class CampaignActions {

    /** An indicator to act on, as sent in a confirm request. */
    public record IndicatorRef(String type, String value) {
    }

    private final EntityManager db;
    private final Outbox outbox;
    private final CampaignMerger merger;

    public CampaignActions(EntityManager db, Outbox outbox, CampaignMerger merger) {
        this.db = db;
        this.outbox = outbox;
        this.merger = merger;
    }

    /** Staff fold {@code otherId} into {@code id} (both must still be open). */
    public void merge(UUID id, String otherId, String actor) {
        UUID other;
        try {
            other = UUID.fromString(otherId == null ? "" : otherId);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("otherId", "must be the id of another campaign");
        }
        if (other.equals(id)) {
            throw ProblemException.invalid("otherId", "must be another campaign than this one");
        }
        if (Campaign.findById(other) == null) {
            throw ProblemException.invalid("otherId", "no such campaign");
        }
        // Lock both in id order, as grouping does, so the two never deadlock each other.
        Set<String> open = Set.of("CANDIDATE", "CONFIRMED");
        Campaign first = lockInState(id.compareTo(other) < 0 ? id : other, open, "merge");
        Campaign second = lockInState(id.compareTo(other) < 0 ? other : id, open, "merge");
        Campaign absorbed = first.id.equals(other) ? first : second;
        int moved = absorbed.reportCount;
        merger.merge(id, List.of(other));
        audit(id, actor, "MERGED", "Merged " + other + " (" + moved + " reports) into this campaign");
        audit(other, actor, "MERGED", "Merged into " + id);
    }

    public void confirm(UUID id, String title, String note, List<IndicatorRef> chosen, String actor) {
        if (title == null || title.isBlank() || title.length() > 200) {
            throw ProblemException.invalid("title", "is required, at most 200 characters");
        }
        Campaign campaign = lockInState(id, Set.of("CANDIDATE"), "confirm");
        List<IndicatorRef> shown = db.createNativeQuery(
                "SELECT type, value FROM campaign_indicator WHERE campaign_id = ?1 ORDER BY report_count DESC")
                .setParameter(1, id).getResultList().stream()
                .map(row -> new IndicatorRef((String) ((Object[]) row)[0], (String) ((Object[]) row)[1])).toList();
        List<IndicatorRef> acted = chosen == null || chosen.isEmpty() ? shown : chosen;
        for (IndicatorRef indicator : acted) {
            if (!shown.contains(indicator)) {
                throw ProblemException.invalid("indicators", indicator.type() + " " + indicator.value()
                        + " is not an indicator of this campaign");
            }
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        campaign.status = "CONFIRMED";
        campaign.title = title.strip();
        campaign.updatedAt = now;
        audit(id, actor, "CONFIRMED", note == null ? title.strip() : title.strip() + " — " + note);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("campaignId", id);
        event.put("title", campaign.title);
        event.put("indicators", acted.stream().map(i -> Map.of("type", i.type(), "value", i.value())).toList());
        event.put("confirmedBy", actor);
        event.put("confirmedAt", now);
        event.put("note", note);
        outbox.publish(EventTypes.CAMPAIGN_CONFIRMED, event);
    }

    /**
     * Staff move some reports of {@code id} into a new campaign; returns its id. Indicator counts of
     * both are recounted from their reports, and link keys that only the moved reports carry go with
     * them, so new reports keep joining the right half.
     */
    public UUID split(UUID id, List<String> reportIds, String actor) {
        List<UUID> reports;
        try {
            reports = reportIds == null ? List.of() : reportIds.stream().map(UUID::fromString).distinct().toList();
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("reportIds", "must be report ids");
        }
        Campaign campaign = lockInState(id, Set.of("CANDIDATE", "CONFIRMED"), "split");
        if (reports.isEmpty() || reports.size() >= campaign.reportCount) {
            throw ProblemException.invalid("reportIds", "must name some, not all, of the campaign's reports");
        }
        UUID fresh = UUID.randomUUID();
        db.createNativeQuery("INSERT INTO campaign (id, title) VALUES (?1, ?2)")
                .setParameter(1, fresh).setParameter(2, "Split from " + campaign.title).executeUpdate();
        int moved = db.createNativeQuery(
                "UPDATE campaign_report SET campaign_id = ?1 WHERE campaign_id = ?2 AND report_id IN (?3)")
                .setParameter(1, fresh).setParameter(2, id).setParameter(3, reports).executeUpdate();
        if (moved != reports.size()) {
            throw ProblemException.invalid("reportIds", "must all be reports of this campaign");
        }
        db.createNativeQuery("""
                UPDATE link_key SET campaign_id = ?1 WHERE campaign_id = ?2
                AND key IN (SELECT unnest(link_keys) FROM campaign_report WHERE campaign_id = ?1)
                AND key NOT IN (SELECT unnest(link_keys) FROM campaign_report WHERE campaign_id = ?2)""")
                .setParameter(1, fresh).setParameter(2, id).executeUpdate();
        for (UUID half : List.of(id, fresh)) {
            recount(half);
        }
        outbox.publishAll(EventTypes.REPORT_LINKED,
                reports.stream().map(report -> Map.of("reportId", report, "campaignId", fresh)).toList());
        audit(id, actor, "SPLIT", moved + " reports moved to " + fresh);
        audit(fresh, actor, "SPLIT", "Split from " + id + " with " + moved + " reports");
        return fresh;
    }

    /** Report count, first and last seen and indicator counts, from the campaign's own reports. */
    private void recount(UUID campaign) {
        db.createNativeQuery("DELETE FROM campaign_indicator WHERE campaign_id = ?1").setParameter(1, campaign).executeUpdate();
        db.createNativeQuery("""
                INSERT INTO campaign_indicator (campaign_id, type, value, report_count)
                SELECT ?1, split_part(i, ' ', 1), substr(i, strpos(i, ' ') + 1), count(*)
                FROM campaign_report, unnest(indicators) AS i WHERE campaign_id = ?1 GROUP BY i""")
                .setParameter(1, campaign).executeUpdate();
        db.createNativeQuery("""
                UPDATE campaign c SET report_count = r.reports, first_seen = r.first_seen, last_seen = r.last_seen,
                       updated_at = now()
                FROM (SELECT count(*) AS reports, min(received_at) AS first_seen, max(received_at) AS last_seen
                      FROM campaign_report WHERE campaign_id = ?1) r
                WHERE c.id = ?1""").setParameter(1, campaign).executeUpdate();
    }

    public void dismiss(UUID id, String reason, String actor) {
        end(id, reason, actor, "CANDIDATE", "DISMISSED", EventTypes.CAMPAIGN_DISMISSED, "dismiss");
    }

    public void lift(UUID id, String reason, String actor) {
        end(id, reason, actor, "CONFIRMED", "LIFTED", EventTypes.CAMPAIGN_LIFTED, "lift");
    }

    /** Dismiss or lift: a reason, the one state it may leave, the audit line and its event. */
    private void end(UUID id, String reason, String actor, String from, String to, String eventType, String verb) {
        if (reason == null || reason.isBlank() || reason.length() > 2_000) {
            throw ProblemException.invalid("reason", "is required, at most 2,000 characters");
        }
        Campaign campaign = lockInState(id, Set.of(from), verb);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        campaign.status = to;
        campaign.updatedAt = now;
        audit(id, actor, to, reason);
        outbox.publish(eventType, Map.of("campaignId", id, "reason", reason, verb + "edBy", actor, verb + "edAt", now));
    }

    private Campaign lockInState(UUID id, Set<String> allowed, String action) {
        Campaign campaign = Campaign.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (campaign == null) {
            throw new ProblemException(Problem.of(Response.Status.NOT_FOUND, "not-found", "No campaign " + id));
        }
        if (!allowed.contains(campaign.status)) {
            throw new ProblemException(Problem.of(Response.Status.CONFLICT, "invalid-transition",
                    "A " + campaign.status + " campaign cannot be " + action + "ed"
                            + (campaign.mergedInto == null ? "" : "; it was merged into " + campaign.mergedInto)));
        }
        return campaign;
    }

    private void audit(UUID id, String actor, String action, String detail) {
        db.createNativeQuery("INSERT INTO campaign_audit (campaign_id, actor, action, detail) VALUES (?1, ?2, ?3, ?4)")
                .setParameter(1, id).setParameter(2, actor).setParameter(3, action).setParameter(4, detail).executeUpdate();
    }
}
