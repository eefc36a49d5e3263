package be.tocsin.alert.grouping;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BiConsumer;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;

import be.tocsin.platform.persistence.Sql;
import be.tocsin.platform.persistence.TransactionState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * The link keys as one transaction sees them. A key is read from the table once per transaction
 * ({@link #prefetch} reads a whole batch's keys in one statement); the keys the transaction claims
 * are kept here and inserted together with the commit ({@link #checkAtCommit()}; before a merge,
 * {@link #write()}). Grouped one statement at a time, the look-ups, inserts and checks were most of
 * the statements each report cost.
 * <p>
 * What was read may have changed by the commit: another consumer may have claimed a key this
 * transaction found free, or merged a campaign it found a key in. {@link #checkAtCommit()} therefore
 * makes sure, just before the commit, that every key claimed leads to the campaign its report joined;
 * when one does not, the transaction fails as a transient conflict and its reports are grouped again.
 * Demoted keys link nothing (see {@link Grouping}): they read as free and are never checked.
 * <p>
 * A text band's signature (512 bytes) is written once with its key and never changed, so it is read
 * from the table once and then kept here ({@link #SIGNATURES_KEPT}): the same bands of a busy
 * template are found for every one of its reports, and reading their signatures each time took a
 * sixth of the look-up's time in PostgreSQL, then a decoding of each in Java.
 */
@ApplicationScoped
class LinkKeys {

    private static final String READ = "SELECT key, campaign_id, signature IS NOT NULL FROM link_key WHERE key = ANY(?) AND NOT demoted";
    private static final String READ_SIGNATURES = "SELECT key, signature FROM link_key WHERE key = ANY(?)";
    /** Text bands whose signature is kept: ~100 bytes each, the signatures shared by a template's bands. */
    private static final int SIGNATURES_KEPT = 50_000;
    /** The campaigns of the keys under each prefix ('~' sorts after every character a key holds). */
    private static final String READ_UNDER = """
            SELECT DISTINCT p.prefix, l.campaign_id FROM unnest(?::text[]) AS p(prefix)
            JOIN link_key l ON l.key >= p.prefix AND l.key < p.prefix || '~' AND NOT l.demoted""";
    private static final String INSERT = """
            INSERT INTO link_key (key, campaign_id, signature)
            SELECT k, c, decode(s, 'hex') FROM unnest(?::text[], ?::uuid[], ?::text[]) AS n(k, c, s)
            ON CONFLICT (key) DO NOTHING""";
    private static final String CHECK = "SELECT key, campaign_id FROM link_key WHERE key = ANY(?) AND NOT demoted";
    private static final String COUNT_MERGE = """
            UPDATE link_key SET merges = merges + 1, demoted = (merges + 1 >= ?) WHERE key = ANY(?) AND NOT demoted
            RETURNING key, demoted""";
    private static final HexFormat HEX = HexFormat.of();

    /** Where a key leads, and for a text band the fingerprint of the message that first claimed it. */
    record Link(UUID campaign, TextFingerprint text) {
    }

    /** One transaction's view of the keys. */
    private static final class Seen {
        /** Keys read (found or not) or claimed: what {@link #links} holds for them is current for this transaction. */
        final Set<String> read = new HashSet<>();
        /** The keys found or claimed that link: key → where it leads. */
        final Map<String, Link> links = new HashMap<>();
        /** Claimed, not inserted yet, sorted so that concurrent inserts take the keys in one order. */
        final NavigableMap<String, Link> unwritten = new TreeMap<>();
        /** Every key claimed, in key order: where it must lead at the commit. */
        final NavigableMap<String, UUID> claimed = new TreeMap<>();
        /** Prefix → the campaigns of the keys under it in the table, as read by {@link #prefetchUnder}. */
        final Map<String, Set<UUID>> under = new HashMap<>();

        boolean isWritten() {
            return unwritten.isEmpty();
        }
    }

    private final Sql sql;
    private final TransactionState<Seen> seen;
    private final Cache<String, TextFingerprint> signatures = CacheBuilder.newBuilder().maximumSize(SIGNATURES_KEPT).build();

    LinkKeys(Sql sql, TransactionSynchronizationRegistry transactions) {
        this.sql = sql;
        this.seen = new TransactionState<>(transactions, Seen.class, Seen::new, Seen::isWritten,
                "link keys left unwritten: Grouping.flush() was not called");
    }

    /** Reads every key of {@code keys} this transaction has not read yet, in one statement. */
    @Transactional(Transactional.TxType.MANDATORY)
    void prefetch(Collection<String> keys) {
        Seen seen = this.seen.get();
        List<String> unread = keys.stream().filter(key -> !seen.read.contains(key)).distinct().toList();
        if (unread.isEmpty()) {
            return;
        }
        Map<String, UUID> found = new HashMap<>();
        List<String> signed = new ArrayList<>();
        for (Object[] row : sql.rows(READ, unread)) {
            found.put((String) row[0], (UUID) row[1]);
            if ((Boolean) row[2]) {
                signed.add((String) row[0]);
            }
        }
        Map<String, TextFingerprint> texts = signatures(signed);
        found.forEach((key, campaign) -> seen.links.put(key, new Link(campaign, texts.get(key))));
        seen.read.addAll(unread);
    }

    /**
     * The signatures of text bands found in the table, read for those not kept yet. Only rows other
     * transactions committed are read here (a key this one claims is never read again), so what is
     * kept is what the table holds for good.
     */
    private Map<String, TextFingerprint> signatures(List<String> keys) {
        Map<String, TextFingerprint> texts = new HashMap<>(signatures.getAllPresent(keys));
        List<String> unknown = keys.stream().filter(key -> !texts.containsKey(key)).toList();
        if (!unknown.isEmpty()) {
            // A template's bands were mostly claimed by one message: one fingerprint for all of them.
            Map<ByteBuffer, TextFingerprint> distinct = new HashMap<>();
            for (Object[] row : sql.rows(READ_SIGNATURES, unknown)) {
                byte[] signature = (byte[]) row[1];
                TextFingerprint text = distinct.computeIfAbsent(ByteBuffer.wrap(signature),
                        bytes -> TextFingerprint.fromBytes(signature));
                texts.put((String) row[0], text);
                signatures.put((String) row[0], text);
            }
        }
        return texts;
    }

    /** The keys of {@code keys} that link, in their order, with where each leads. */
    @Transactional(Transactional.TxType.MANDATORY)
    Map<String, Link> find(Collection<String> keys) {
        prefetch(keys);
        Map<String, Link> links = this.seen.get().links;
        Map<String, Link> found = new LinkedHashMap<>();
        keys.forEach(key -> {
            Link link = links.get(key);
            if (link != null) {
                found.put(key, link);
            }
        });
        return found;
    }

    /**
     * Reads, in one statement, the campaigns linked by the keys under each of {@code prefixes} (a
     * number block's numbers, a wide block's ranges) that this transaction has not read yet.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    void prefetchUnder(Collection<String> prefixes) {
        Map<String, Set<UUID>> under = this.seen.get().under;
        List<String> unread = prefixes.stream().filter(prefix -> !under.containsKey(prefix)).distinct().toList();
        if (unread.isEmpty()) {
            return;
        }
        unread.forEach(prefix -> under.put(prefix, new LinkedHashSet<>()));
        for (Object[] row : sql.rows(READ_UNDER, unread)) {
            under.get((String) row[0]).add((UUID) row[1]);
        }
    }

    /**
     * The campaigns linked by keys starting with {@code prefix}: what the table held when the prefix
     * was read ({@link #prefetchUnder}, here if not yet), with the keys this transaction claimed since.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    Set<UUID> campaignsUnder(String prefix) {
        prefetchUnder(List.of(prefix));
        Seen seen = this.seen.get();
        Set<UUID> campaigns = new LinkedHashSet<>(seen.under.get(prefix));
        campaigns.addAll(seen.claimed.subMap(prefix, true, prefix + "~", false).values());
        return campaigns;
    }

    /**
     * {@code campaign} claims {@code keys}: those not linking yet are inserted later
     * (a text band's with the message's fingerprint, {@code text}), and all must lead to it at the commit.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    void claim(Collection<String> keys, UUID campaign, Set<String> textKeys, TextFingerprint text) {
        Seen seen = this.seen.get();
        for (String key : keys) {
            if (!seen.links.containsKey(key)) {
                Link link = new Link(campaign, textKeys.contains(key) ? text : null);
                seen.links.put(key, link);
                seen.unwritten.put(key, link);
                seen.read.add(key);
            }
            seen.claimed.put(key, campaign);
        }
    }

    /**
     * Counts a merge against each of {@code keys}; those that reach the limit are demoted and link
     * nothing from now on. Writes the keys not written yet first, so that they are counted too.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    void countMerge(List<String> keys, int demoteAfterMerges) {
        write();
        Seen seen = this.seen.get();
        for (Object[] row : sql.rows(COUNT_MERGE, demoteAfterMerges, keys)) {
            if ((Boolean) row[1]) {
                seen.links.remove((String) row[0]);
                // A demoted key links nothing: the prefixes read with it are read again when asked.
                seen.under.clear();
            }
        }
    }

    /** {@code merged} went into {@code target} (their keys were moved in the table): so do the keys seen. */
    @Transactional(Transactional.TxType.MANDATORY)
    void merged(UUID target, Collection<UUID> merged) {
        Seen seen = this.seen.get();
        seen.links.replaceAll((key, link) -> merged.contains(link.campaign()) ? new Link(target, link.text()) : link);
        seen.unwritten.replaceAll((key, link) -> merged.contains(link.campaign()) ? new Link(target, link.text()) : link);
        seen.claimed.replaceAll((key, campaign) -> merged.contains(campaign) ? target : campaign);
        seen.under.values().forEach(campaigns -> {
            if (campaigns.removeAll(merged)) {
                campaigns.add(target);
            }
        });
    }

    /** Inserts the keys claimed and not written yet, now, in one statement (a key claimed meanwhile by another is left to the check). */
    @Transactional(Transactional.TxType.MANDATORY)
    void write() {
        write(sql::update);
    }

    /**
     * Queues for the commit ({@link Sql#checkAtCommit}) the insert of what is left and the check that
     * every claimed key leads where its report went: when one leads elsewhere, the transaction fails
     * as a transient conflict.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    void checkAtCommit() {
        write(sql::updateAtCommit);
        Seen seen = this.seen.peek();
        if (seen == null || seen.claimed.isEmpty()) {
            return;
        }
        Map<String, UUID> claimed = new HashMap<>(seen.claimed);
        sql.checkAtCommit(CHECK, rows -> {
            for (Object[] row : rows) {
                if (!row[1].equals(claimed.get((String) row[0]))) {
                    throw new ConcurrentGroupingException("link key " + row[0]);
                }
            }
        }, List.copyOf(seen.claimed.keySet()));
        seen.claimed.clear();
    }

    private void write(BiConsumer<String, Object[]> statement) {
        Seen seen = this.seen.peek();
        if (seen == null || seen.unwritten.isEmpty()) {
            return;
        }
        List<String> keys = new ArrayList<>(seen.unwritten.size());
        List<UUID> campaigns = new ArrayList<>(seen.unwritten.size());
        List<String> signatures = new ArrayList<>(seen.unwritten.size());
        seen.unwritten.forEach((key, link) -> {
            keys.add(key);
            campaigns.add(link.campaign());
            signatures.add(link.text() == null ? null : HEX.formatHex(link.text().toBytes()));
        });
        statement.accept(INSERT, new Object[] { keys, campaigns, signatures });
        seen.unwritten.clear();
    }
}
