package be.tocsin.platform.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** Statements queued for the commit, against the real PostgreSQL: sent in order with it, or not at all. */
@QuarkusTest
class SqlAtCommitTest {

    private static final String INSERT_EFFECTS = """
            INSERT INTO test_effect (event_id, key) SELECT id, key FROM unnest(?::uuid[], ?::text[]) AS e(id, key)""";

    @Inject
    Sql sql;

    @Test
    void queuedStatementsAreWrittenInOrderWhenTheTransactionCommitsAndNotBefore() {
        UUID event = Ids.next();
        String key = "at-commit-" + event;
        long seenBeforeCommit = QuarkusTransaction.requiringNew().call(() -> {
            sql.updateAtCommit(INSERT_EFFECTS, List.of(event, event), List.of(key, key + "-second"));
            // Later statements see what was queued before them once sent: the second rewrites the first's rows.
            sql.updateAtCommit("UPDATE test_effect SET key = key || '-updated' WHERE event_id = ?", event);
            return countOf(event);
        });

        assertThat(seenBeforeCommit).as("rows of queued statements, seen inside the transaction").isZero();
        assertThat(sql.<String>column("SELECT key FROM test_effect WHERE event_id = ? ORDER BY id", event))
                .containsExactly(key + "-updated", key + "-second-updated");
    }

    @Test
    void aQueuedStatementThatFailsRollsBackTheWholeTransactionAndTheCommitSaysWhy() {
        UUID event = Ids.next();
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            sql.update("INSERT INTO test_effect (event_id, key) VALUES (?, 'written at once')", event);
            sql.updateAtCommit(INSERT_EFFECTS, List.of(event), List.of("queued"));
            sql.updateAtCommit(INSERT_EFFECTS, List.of(event), Arrays.asList((String) null)); // key is NOT NULL
        })).satisfies(failure -> assertThat(causesOf(failure)).as("the causes of the commit's failure")
                .anySatisfy(cause -> assertThat(cause).isInstanceOf(SQLException.class)
                        .hasMessageContaining("null value in column \"key\"")));

        assertThat(countOf(event)).as("rows of the transaction, the one written at once included").isZero();
    }

    @Test
    void aTransactionThatRollsBackSendsNothing() {
        UUID event = Ids.next();
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            sql.updateAtCommit(INSERT_EFFECTS, List.of(event), List.of("queued"));
            throw new IllegalStateException("the caller gives up");
        })).hasMessageContaining("the caller gives up");

        assertThat(countOf(event)).isZero();
    }

    @Test
    void arraysKeepTheirTypesAndNulls() {
        UUID event = Ids.next();
        Instant when = Instant.parse("2026-12-06T22:40:01.123Z");
        List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> sql.rows("""
                SELECT i, encode(b, 'hex'), f, t FROM unnest(?::uuid[], ?::bytea[], ?::boolean[], ?::timestamptz[])
                    AS a(i, b, f, t)""",
                Arrays.asList(event, null), Arrays.asList(new byte[] { 1, (byte) 0xff }, null),
                Arrays.asList(null, true), Arrays.asList(when, null)));

        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).containsExactly(event, "01ff", null,
                java.sql.Timestamp.from(when));
        assertThat(rows.get(1)).containsExactly(null, null, true, null);
    }

    @Test
    void aCheckSeesWhatWasQueuedBeforeItAndItsExceptionRollsEverythingBack() {
        UUID event = Ids.next();
        List<Long> counted = new ArrayList<>();
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            sql.updateAtCommit(INSERT_EFFECTS, List.of(event, event), List.of("first", "second"));
            sql.checkAtCommit("SELECT count(*) FROM test_effect WHERE event_id = ?", rows -> {
                counted.add((Long) rows.get(0)[0]);
                throw new IllegalStateException("two rows are one too many");
            }, event);
            sql.sendQueued();
        })).hasMessageContaining("one too many");

        assertThat(counted).as("what the check saw").containsExactly(2L);
        assertThat(countOf(event)).as("rows after the rollback").isZero();
    }

    @Test
    void sentBeforeTheCommitQueuedRowsAreSeenByWhatFollowsAndAreNotSentTwice() {
        UUID event = Ids.next();
        long seenAfterSending = QuarkusTransaction.requiringNew().call(() -> {
            sql.updateAtCommit(INSERT_EFFECTS, List.of(event), List.of("sent early"));
            sql.checkAtCommit("UPDATE test_effect SET key = key || '!' WHERE event_id = ? RETURNING key",
                    rows -> assertThat(rows).hasSize(1), event);
            sql.sendQueued();
            return countOf(event);
        });

        assertThat(seenAfterSending).isEqualTo(1);
        assertThat(sql.<String>column("SELECT key FROM test_effect WHERE event_id = ?", event)).containsExactly("sent early!");
    }

    @Test
    void textArrayLiteralsReadBackAsTheirValues() {
        List<String> values = List.of("plain", "with \"quotes\"", "back\\slash", "a,b", "{braces}", " spaced ", "", "NULL");
        List<String> read = sql.column("SELECT v FROM unnest(?::text::text[]) WITH ORDINALITY AS a(v, n) ORDER BY n",
                Sql.textArrayLiteral(values));

        assertThat(read).containsExactlyElementsOf(values);
        assertThat(Sql.textArrayLiteral(List.of())).isEqualTo("{}");
    }

    /** The chain {@link DatabaseUnavailable} reads: a failure and its causes, not what is suppressed. */
    private static List<Throwable> causesOf(Throwable failure) {
        List<Throwable> causes = new ArrayList<>();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            causes.add(cause);
        }
        return causes;
    }

    private long countOf(UUID event) {
        return sql.<Long>column("SELECT count(*) FROM test_effect WHERE event_id = ?", event).get(0);
    }
}
