package be.tocsin.gateway.blocking;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The numbers no block may cover: the emergency and official lines of {@code tocsin.protected-numbers},
 * always, and those staff protect in report-service ({@code number.protection.changed}).
 * <p>
 * Issuing blocks and changing the list exclude each other (a PostgreSQL advisory lock, shared by the
 * issuers, exclusive for a change): otherwise a campaign confirmed while a number becomes protected
 * could be screened against the old list and committed after the change had looked for blocks to
 * narrow, and the number would stay blocked.
 */
@ApplicationScoped
public class ProtectedNumberList {

    /** Any constant of this database's advisory keys; this is the only one. */
    private static final long LIST_LOCK = 0x70726f74L;

    private final EntityManager db;
    private final List<String> alwaysProtected;

    public ProtectedNumberList(EntityManager db,
            @ConfigProperty(name = "tocsin.protected-numbers") List<String> alwaysProtected) {
        this.db = db;
        this.alwaysProtected = List.copyOf(alwaysProtected);
    }

    /** The list to screen blocks against; a change to it waits until this transaction ends. */
    @Transactional(Transactional.TxType.MANDATORY)
    public ProtectedNumbers forIssuing() {
        lockList("pg_advisory_xact_lock_shared");
        Set<String> numbers = new LinkedHashSet<>(alwaysProtected);
        List<?> fromStaff = db.createNativeQuery("SELECT e164 FROM protected_number WHERE is_protected ORDER BY e164")
                .getResultList();
        fromStaff.forEach(number -> numbers.add((String) number));
        return new ProtectedNumbers(numbers);
    }

    /**
     * Records a change unless a newer one for the number is recorded already; waits for blocks being
     * issued and holds new ones back until this transaction ends. Whether the change was recorded.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean change(String number, boolean isProtected, String label, String changedBy, Instant changedAt) {
        lockList("pg_advisory_xact_lock");
        return db.createNativeQuery("""
                INSERT INTO protected_number (e164, is_protected, label, changed_by, changed_at) VALUES (?1, ?2, ?3, ?4, ?5)
                ON CONFLICT (e164) DO UPDATE SET is_protected = EXCLUDED.is_protected, label = EXCLUDED.label,
                    changed_by = EXCLUDED.changed_by, changed_at = EXCLUDED.changed_at
                WHERE protected_number.changed_at < EXCLUDED.changed_at""")
                .setParameter(1, number).setParameter(2, isProtected).setParameter(3, label)
                .setParameter(4, changedBy).setParameter(5, changedAt).executeUpdate() == 1;
    }

    /** Takes the list's lock until the transaction ends ({@code function}: shared or exclusive). */
    private void lockList(String function) {
        db.createNativeQuery("SELECT 1 FROM " + function + "(?1)").setParameter(1, LIST_LOCK).getSingleResult();
    }
}
