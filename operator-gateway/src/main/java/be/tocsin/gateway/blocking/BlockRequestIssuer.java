package be.tocsin.gateway.blocking;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;

import be.tocsin.platform.eventing.CloudEvent;
import be.tocsin.platform.eventing.inbox.EventHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Turns campaign events into block requests (queue {@code operator-gateway.block-requests}): a
 * confirmed campaign gives every operator a BLOCK of its numbers and ranges (INBOUND) and callback
 * numbers (OUTBOUND), kept off protected numbers; a lifted one gives a LIFT of whatever was blocked.
 * Blocks in force are withdrawn from a number that becomes protected later ({@link #keepBlocksOff}).
 */
@ApplicationScoped
public class BlockRequestIssuer implements EventHandler {

    record CampaignConfirmed(UUID campaignId, String title, List<Indicator> indicators, String confirmedBy,
            Instant confirmedAt, String note) {
    }

    record Indicator(String type, String value) {
    }

    record CampaignLifted(UUID campaignId, String reason, String liftedBy, Instant liftedAt) {
    }

    private final BlockRequestStore store;
    private final ProtectedNumberList protectedNumbers;
    private final EntityManager db;
    private final ObjectMapper mapper;

    public BlockRequestIssuer(BlockRequestStore store, ProtectedNumberList protectedNumbers, EntityManager db,
            ObjectMapper mapper) {
        this.store = store;
        this.protectedNumbers = protectedNumbers;
        this.db = db;
        this.mapper = mapper;
    }

    @Override
    public String purpose() {
        return "block-requests";
    }

    @Override
    public Set<String> routingKeys() {
        return Set.of("campaign.confirmed", "campaign.lifted");
    }

    @Override
    public void handle(CloudEvent event) {
        if ("campaign.lifted".equals(event.routingKey())) {
            lift(event.dataAs(mapper, CampaignLifted.class));
        } else {
            block(event.dataAs(mapper, CampaignConfirmed.class));
        }
    }

    private void block(CampaignConfirmed campaign) {
        List<BlockIndicator> sent = screened(campaign.campaignId(), blockable(campaign.indicators()), protectedNumbers.forIssuing());
        if (sent.isEmpty()) {
            return;
        }
        String reason = "Confirmed scam campaign: " + campaign.title();
        store.issueToEveryOperator(BlockRequest.BLOCK, campaign.campaignId(), reason, sent);
    }

    /**
     * A number just became protected: each block in force that covers it is lifted and, where
     * something is left to block, issued again without it (narrowed as a new confirmation would be).
     * Lifted whole and issued anew, rather than lifted in part, so the request in force always holds
     * everything still blocked and lifting the campaign later lifts exactly that.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void keepBlocksOff(String protectedNumber) {
        ProtectedNumbers protectedNow = protectedNumbers.forIssuing();
        for (BlockRequestStore.BlockInForce block : store.blocksInForceCovering(protectedNumber)) {
            store.issue(block.operatorId(), BlockRequest.LIFT, block.campaignId(),
                    "Withdrawn: it covers " + protectedNumber + ", now a protected number", block.indicators());
            List<BlockIndicator> rest = screened(block.campaignId(), block.indicators(), protectedNow);
            if (!rest.isEmpty()) {
                store.issue(block.operatorId(), BlockRequest.BLOCK, block.campaignId(),
                        block.reason() + " (issued again without protected number " + protectedNumber + ")", rest);
            }
        }
    }

    /** What may be sent of {@code wanted}, kept off protected numbers; each change recorded for staff. */
    private List<BlockIndicator> screened(UUID campaignId, List<BlockIndicator> wanted, ProtectedNumbers protectedNow) {
        List<BlockIndicator> sent = new ArrayList<>();
        for (BlockIndicator indicator : wanted) {
            ProtectedNumbers.Screened screened = protectedNow.screen(indicator);
            sent.addAll(screened.sent());
            screened.protectedNumber().ifPresent(number -> recordRefusal(campaignId, indicator, number, screened.sent()));
        }
        return withoutCovered(sent);
    }

    private void lift(CampaignLifted campaign) {
        String reason = "Campaign lifted" + (campaign.reason() == null ? "" : ": " + campaign.reason());
        for (BlockRequestStore.BlockInForce block : store.blocksInForce(campaign.campaignId())) {
            store.issue(block.operatorId(), BlockRequest.LIFT, campaign.campaignId(), reason, block.indicators());
        }
    }

    /** Numbers and ranges stop calls from them; callback numbers bar calls to them. Domains and texts are not for operators. */
    private static List<BlockIndicator> blockable(List<Indicator> indicators) {
        List<BlockIndicator> blockable = new ArrayList<>();
        for (Indicator indicator : indicators == null ? List.<Indicator>of() : indicators) {
            switch (indicator.type()) {
                case "NUMBER" -> blockable.add(new BlockIndicator(BlockIndicator.NUMBER, indicator.value(), BlockIndicator.INBOUND));
                case "NUMBER_RANGE" -> blockable.add(
                        new BlockIndicator(BlockIndicator.NUMBER_RANGE, indicator.value(), BlockIndicator.INBOUND));
                case "CALLBACK_NUMBER" -> blockable.add(
                        new BlockIndicator(BlockIndicator.NUMBER, indicator.value(), BlockIndicator.OUTBOUND));
                default -> { }
            }
        }
        return blockable.stream().distinct().toList();
    }

    /**
     * Drops what a range of the same direction already covers: thirty rotating numbers inside a
     * blocked range are one line for the operator, not thirty-one.
     */
    static List<BlockIndicator> withoutCovered(List<BlockIndicator> indicators) {
        return indicators.stream().distinct().filter(indicator -> indicators.stream().noneMatch(range ->
                BlockIndicator.NUMBER_RANGE.equals(range.type()) && range.direction().equals(indicator.direction())
                        && !range.value().equals(indicator.value()) && indicator.value().startsWith(range.value())))
                .toList();
    }

    private void recordRefusal(UUID campaignId, BlockIndicator wanted, String protectedNumber, List<BlockIndicator> narrowedTo) {
        db.createNativeQuery("""
                INSERT INTO block_refusal (campaign_id, type, value, direction, protected_number, narrowed_to)
                VALUES (?1, ?2, ?3, ?4, ?5, string_to_array(?6, ','))
                ON CONFLICT (campaign_id, type, value, direction) DO NOTHING""")
                .setParameter(1, campaignId).setParameter(2, wanted.type()).setParameter(3, wanted.value())
                .setParameter(4, wanted.direction()).setParameter(5, protectedNumber)
                .setParameter(6, String.join(",", narrowedTo.stream().map(BlockIndicator::value).toList()))
                .executeUpdate();
    }
}
