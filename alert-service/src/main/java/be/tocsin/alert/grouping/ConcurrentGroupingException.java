package be.tocsin.alert.grouping;

/**
 * Another consumer claimed one of this report's link keys for another campaign in the meantime.
 * Thrown to roll back: the message is delivered again and the retry merges the two campaigns.
 */
public class ConcurrentGroupingException extends RuntimeException {

    public ConcurrentGroupingException(String key) {
        super("Link key " + key + " was claimed by another campaign concurrently; retrying", null, false, false);
    }
}
