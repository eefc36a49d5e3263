package be.tocsin.alert.grouping;

import be.tocsin.platform.eventing.inbox.TransientConflict;

/**
 * Another consumer changed what this report links to while it was being grouped (claimed one of its
 * keys, or merged one of its campaigns): the transaction rolls back and the message is delivered
 * again (at once, by the consumer), when the keys lead to the right campaign.
 */
public class ConcurrentGroupingException extends TransientConflict {

    public ConcurrentGroupingException(String what) {
        super(what + " changed concurrently; retrying");
    }
}
