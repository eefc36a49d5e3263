package be.tocsin.platform.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

/**
 * Plain JDBC on the connection enlisted in the current transaction (the one Hibernate uses too), for
 * hot paths that run many small statements: no query parsing or type resolution per call, which JFR
 * showed costing more than the statements themselves. Parameters are positional ({@code ?}); a
 * collection is bound as an array, so write {@code = ANY(?)} where Hibernate took {@code IN (?1)}
 * (or {@code unnest(?::uuid[], ?::text[])} for many rows in one statement).
 */
@ApplicationScoped
public class Sql {

    private final DataSource dataSource;
    private final TransactionSynchronizationRegistry transactions;
    private final TransactionState<AtCommit> atCommit;

    public Sql(DataSource dataSource, TransactionSynchronizationRegistry transactions) {
        this.dataSource = dataSource;
        this.transactions = transactions;
        // No check of unwritten state at completion (scratch): the hook that sends the queue is
        // registered with it, so nothing queued can be left behind.
        this.atCommit = TransactionState.scratch(transactions, AtCommit.class, AtCommit::new);
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
                return rowsOf(result);
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

    /**
     * Queues a statement whose outcome the transaction does not read (an INSERT, UPDATE or DELETE, a
     * SELECT … FOR UPDATE taken for its locks): just before it commits, or at {@link #sendQueued()},
     * its queued statements are sent in order as one compound statement, in one round trip (with the
     * commit, two, however many statements). With both cores busy, each round trip of a transaction
     * waits for its thread and then its backend to be scheduled again, and rows it already locked
     * stay locked meanwhile (docs/benchmarks-journal.md). Only for rows nothing else in the transaction reads
     * or writes afterwards: a later statement does not see them yet. A failure rolls the whole
     * transaction back; the commit throws, with the SQLException among its causes.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void updateAtCommit(String sql, Object... parameters) {
        queue(sql, null, parameters);
    }

    /**
     * Queues a query, or a statement with RETURNING, whose rows only decide whether the transaction
     * may commit: sent with the statements queued before it ({@link #updateAtCommit}), so it sees
     * what they wrote, and its rows handed to {@code check}, whose exception rolls the transaction
     * back. Call {@link #sendQueued()} before committing: thrown during the commit, the exception
     * still rolls back, but the transaction manager logs it as a warning with its stack trace.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void checkAtCommit(String query, Consumer<List<Object[]>> check, Object... parameters) {
        queue(query, check, parameters);
    }

    /**
     * Sends what this transaction queued, now, in one round trip, and runs the checks on their rows
     * (their exceptions thrown here); later statements see what was written.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void sendQueued() {
        AtCommit queued = atCommit.peek();
        if (queued != null) {
            send(queued);
        }
    }

    private void queue(String sql, Consumer<List<Object[]>> check, Object... parameters) {
        AtCommit queued = atCommit.peek();
        if (queued == null) {
            queued = atCommit.get();
            AtCommit toSend = queued;
            TransactionHooks.beforeCompletion(transactions, () -> send(toSend));
        }
        queued.statements.add(sql.strip());
        queued.checks.add(check);
        queued.parameters.addAll(Arrays.asList(parameters));
    }

    /** Sends the queue as one compound statement (one result per statement, in order) and empties it. */
    private void send(AtCommit queued) {
        if (queued.statements.isEmpty()) {
            return;
        }
        String compound = String.join(";\n", queued.statements);
        List<Consumer<List<Object[]>>> checks = new ArrayList<>(queued.checks); // nulls: statements without a check
        Object[] parameters = queued.parameters.toArray();
        queued.clear();
        try (Connection db = dataSource.getConnection(); PreparedStatement statement = db.prepareStatement(compound)) {
            bind(db, statement, parameters);
            boolean rowsNext = statement.execute();
            for (Consumer<List<Object[]>> check : checks) {
                if (rowsNext) {
                    try (ResultSet result = statement.getResultSet()) {
                        if (check != null) {
                            check.accept(rowsOf(result));
                        }
                    }
                }
                rowsNext = statement.getMoreResults();
            }
        } catch (SQLException e) {
            throw new SqlFailure(compound, e);
        }
    }

    /** The statements one transaction queued, each statement's check (null for none), and all their parameters in order. */
    private static final class AtCommit {
        final List<String> statements = new ArrayList<>();
        final List<Consumer<List<Object[]>>> checks = new ArrayList<>();
        final List<Object> parameters = new ArrayList<>();

        void clear() {
            statements.clear();
            checks.clear();
            parameters.clear();
        }
    }

    /**
     * Many rows' parameters as one parameter per column, each a list of that column's values: the
     * arrays of {@code unnest(?::uuid[], ?::text[], …)}, which writes every row in one statement.
     */
    public static List<Object> columns(List<Object[]> rows) {
        List<Object> columns = new ArrayList<>();
        for (int column = 0; column < rows.get(0).length; column++) {
            int c = column;
            columns.add(rows.stream().map(row -> row[c]).toList());
        }
        return columns;
    }

    /**
     * The PostgreSQL literal of a text array, {@code {"a","b"}}: an array column of many rows goes
     * as one text[] of such literals, each cast back in the statement ({@code unnest(?::text[]) AS r(a)},
     * then {@code a::text[]}); an array of arrays cannot, as unnest would flatten it.
     */
    public static String textArrayLiteral(Collection<String> values) {
        StringBuilder literal = new StringBuilder("{");
        for (String value : values) {
            if (literal.length() > 1) {
                literal.append(',');
            }
            literal.append('"').append(value.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return literal.append('}').toString();
    }

    private static List<Object[]> rowsOf(ResultSet result) throws SQLException {
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
                statement.setArray(position, array(db, values));
            } else {
                statement.setObject(position, value);
            }
        }
    }

    /**
     * The collection as an SQL array, its type told by its first element that is not null (nulls
     * stay nulls); instants go as text, so write {@code ?::timestamptz[]}.
     */
    private static java.sql.Array array(Connection db, Collection<?> values) throws SQLException {
        Object first = values.stream().filter(Objects::nonNull).findFirst().orElse(null);
        if (first instanceof Instant) {
            return db.createArrayOf("text", values.stream().map(value -> value == null ? null : value.toString()).toArray());
        }
        if (first instanceof byte[]) {
            return db.createArrayOf("bytea", values.toArray(new byte[0][]));
        }
        String type = first instanceof UUID ? "uuid" : first instanceof Integer ? "int4"
                : first instanceof Boolean ? "bool" : "text";
        return db.createArrayOf(type, values.toArray());
    }

    /** A statement failed; the SQLException (with its SQLState, e.g. a deadlock) is the cause. */
    public static final class SqlFailure extends RuntimeException {
        SqlFailure(String sql, SQLException cause) {
            super(cause.getMessage() + " in: " + sql.strip().lines().findFirst().orElse(sql), cause);
        }
    }
}
