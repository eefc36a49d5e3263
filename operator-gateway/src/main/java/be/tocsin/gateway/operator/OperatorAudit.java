package be.tocsin.gateway.operator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** Records every pull, acknowledgement and signal of an operator (table operator_audit, never updated). */
@ApplicationScoped
public class OperatorAudit {

    public static final String PULL = "PULL";
    public static final String ACK = "ACK";
    public static final String SIGNAL = "SIGNAL";

    private final EntityManager db;

    public OperatorAudit(EntityManager db) {
        this.db = db;
    }

    @Transactional
    public void record(String operatorId, String action, String detail) {
        db.createNativeQuery("INSERT INTO operator_audit (operator_id, action, detail) VALUES (?1, ?2, ?3)")
                .setParameter(1, operatorId).setParameter(2, action).setParameter(3, detail).executeUpdate();
    }
}
