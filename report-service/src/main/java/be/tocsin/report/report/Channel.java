package be.tocsin.report.report;

/** How the scammer reached the citizen. */
public enum Channel {
    CALL, SMS, EMAIL, WEBSITE, MESSAGING_APP
}
