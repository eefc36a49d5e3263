package be.tocsin.platform.eventing;

import java.util.regex.Pattern;

/** The event types of contracts.md, and how a type becomes its routing key on {@code tocsin.events}. */
public final class EventTypes {

    public static final String REPORT_RECEIVED = "be.tocsin.report.received.v1";
    public static final String REPORT_LINKED = "be.tocsin.report.linked.v1";
    public static final String CAMPAIGN_CONFIRMED = "be.tocsin.campaign.confirmed.v1";
    public static final String CAMPAIGN_DISMISSED = "be.tocsin.campaign.dismissed.v1";
    public static final String CAMPAIGN_LIFTED = "be.tocsin.campaign.lifted.v1";
    public static final String ALERT_PUBLISHED = "be.tocsin.alert.published.v1";
    public static final String BLOCK_ACKNOWLEDGED = "be.tocsin.block.acknowledged.v1";
    public static final String OPERATOR_SIGNAL_RECEIVED = "be.tocsin.operator.signal.received.v1";
    /** Not in contracts.md's table: staff changed report-service's protected list (docs/events). */
    public static final String NUMBER_PROTECTION_CHANGED = "be.tocsin.number.protection.changed.v1";

    private static final String PREFIX = "be.tocsin.";
    private static final Pattern VERSION_SUFFIX = Pattern.compile("\\.v\\d+$");

    private EventTypes() {
    }

    /** {@code be.tocsin.report.received.v1} → {@code report.received}. */
    public static String routingKey(String type) {
        if (!type.startsWith(PREFIX) || !VERSION_SUFFIX.matcher(type).find()) {
            throw new IllegalArgumentException("Not a Tocsin event type (be.tocsin.<name>.v<n>): " + type);
        }
        return VERSION_SUFFIX.matcher(type.substring(PREFIX.length())).replaceFirst("");
    }
}
