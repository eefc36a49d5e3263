package be.tocsin.platform.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Plain JDBC on the connection enlisted in the current transaction (the one Hibernate uses too), for
 * hot paths that run many small statements: no query parsing or type resolution per call, which JFR
 * showed costing more than the statements themselves. Parameters are positional ({@code ?}); a
 * collection is bound as an array, so write {@code = ANY(?)} where Hibernate took {@code IN (?1)}.
 */
@ApplicationScoped
public class Sql {

    private final DataSource dataSource;

    public Sql(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * The rows of a query, each as its column values (UUID, String, Long, Timestamp, byte[]…). Inside
     * a transaction it reads what that transaction sees; outside one (a cached lookup) it runs alone.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Object[]> rows(String sql, Object... parameters) {
        try (Connection db = dataSource.getConnection(); PreparedStatement statement = db.prepareStatement(sql)) {
            bind(db, statement, parameters);
            try (ResultSet result = statement.executeQuery()) {
                int columns = result.getMetaData().getColumnCount();
                List<Object[]> rows = new ArrayList<>();
                while (result.next()) {
                    Object[] row = new Object[columns];
                    for (int i = 0; i < columns; i++) {
                        row[i] = result.getObject(i + 1);
                    }
                    rows.add(row);
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new SqlFailure(sql, e);
        }
    }

    /** The first column of each row. */
    @SuppressWarnings("unchecked")
    public <T> List<T> column(String sql, Object... parameters) {
        return rows(sql, parameters).stream().map(row -> (T) row[0]).toList();
    }

    /** Runs an INSERT, UPDATE or DELETE; the rows it changed. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int update(String sql, Object... parameters) {
        try (Connection db = dataSource.getConnection(); PreparedStatement statement = db.prepareStatement(sql)) {
            bind(db, statement, parameters);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new SqlFailure(sql, e);
        }
    }

    /**
     * Runs one INSERT, UPDATE or DELETE for each row of parameters, sent to the server together (one
     * round trip, however many rows); the rows each changed.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int[] batch(String sql, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return new int[0];
        }
        try (Connection db = dataSource.getConnection(); PreparedStatement statement = db.prepareStatement(sql)) {
            for (Object[] parameters : rows) {
                bind(db, statement, parameters);
                statement.addBatch();
            }
            return statement.executeBatch();
        } catch (SQLException e) {
            // A batch reports the statement that failed as the next exception.
            throw new SqlFailure(sql, e.getNextException() != null ? e.getNextException() : e);
        }
    }

    private static void bind(Connection db, PreparedStatement statement, Object[] parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            Object value = parameters[i];
            int position = i + 1;
            if (value == null) {
                statement.setNull(position, Types.NULL);
            } else if (value instanceof Instant instant) {
                statement.setObject(position, instant.atOffset(ZoneOffset.UTC));
            } else if (value instanceof byte[] bytes) {
                statement.setBytes(position, bytes);
            } else if (value instanceof Collection<?> values) {
                statement.setArray(position, db.createArrayOf(arrayType(values), values.toArray()));
            } else {
                statement.setObject(position, value);
            }
        }
    }

    private static String arrayType(Collection<?> values) {
        Object first = values.isEmpty() ? null : values.iterator().next();
        return first instanceof UUID ? "uuid" : first instanceof Integer ? "int4" : "text";
    }

    /** A statement failed; the SQLException (with its SQLState, e.g. a deadlock) is the cause. */
    public static final class SqlFailure extends RuntimeException {
        SqlFailure(String sql, SQLException cause) {
            super(cause.getMessage() + " in: " + sql.strip().lines().findFirst().orElse(sql), cause);
        }
    }
}
