package be.tocsin.platform.persistence;

import java.sql.SQLException;
import java.util.Locale;

/**
 * Tells a failure of the database itself — a connection that cannot be had or was lost — from one
 * caused by what was asked of it: SQLState class 08 (connection exception), 57P (the server shutting
 * down), or the pool giving up waiting for a connection.
 */
public final class DatabaseUnavailable {

    private DatabaseUnavailable() {
    }

    /** Whether the database being unavailable is among the causes of {@code failure}. */
    public static boolean in(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getMessage() != null
                    && sql.getMessage().toLowerCase(Locale.ROOT).contains("acquisition timeout")) {
                return true;
            }
        }
        return false;
    }
}
