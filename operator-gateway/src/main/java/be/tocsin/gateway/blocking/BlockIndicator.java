package be.tocsin.gateway.blocking;

/**
 * What an operator is asked to block: a NUMBER or a NUMBER_RANGE (an E.164 prefix), INBOUND (stop
 * calls and SMS from it) or OUTBOUND (bar subscribers from calling it: the premium callback).
 */
public record BlockIndicator(String type, String value, String direction) {

    public static final String NUMBER = "NUMBER";
    public static final String NUMBER_RANGE = "NUMBER_RANGE";
    public static final String INBOUND = "INBOUND";
    public static final String OUTBOUND = "OUTBOUND";

    /** Whether {@code number} is this indicator or lies inside its range. */
    public boolean covers(String number) {
        return NUMBER_RANGE.equals(type) ? number.startsWith(value) : number.equals(value);
    }
}
