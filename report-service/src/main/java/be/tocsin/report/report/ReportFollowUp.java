package be.tocsin.report.report;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** Reads a report's status from what the campaign events told report-service. */
@ApplicationScoped
public class ReportFollowUp {

    private final EntityManager entityManager;

    public ReportFollowUp(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** The status, only for the right receipt: a wrong one looks exactly like an unknown id. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<ReportStatus> status(UUID id, String receipt) {
        Report report = Report.findById(id);
        if (report == null || !Receipts.matches(receipt, report.receiptHash)) {
            return Optional.empty();
        }
        if (report.campaignId == null) {
            return Optional.of(new ReportStatus(id, ReportIntake.RECEIVED, null, null, 0));
        }
        List<?> rows = entityManager.createNativeQuery("""
                SELECT c.status, c.alert_url,
                       (SELECT count(*) FROM campaign_block b WHERE b.campaign_id = c.id AND b.status = 'APPLIED')
                FROM campaign_view c WHERE c.id = ?1""").setParameter(1, report.campaignId).getResultList();
        if (rows.isEmpty()) {
            return Optional.of(new ReportStatus(id, ReportStatus.IN_CAMPAIGN, report.campaignId, null, 0));
        }
        Object[] row = (Object[]) rows.get(0);
        String status = switch ((String) row[0]) {
            case "CONFIRMED", "LIFTED" -> ReportStatus.CONFIRMED_SCAM;
            case "DISMISSED" -> ReportStatus.DISMISSED;
            default -> ReportStatus.IN_CAMPAIGN;
        };
        return Optional.of(new ReportStatus(id, status, report.campaignId, (String) row[1], ((Number) row[2]).intValue()));
    }
}
