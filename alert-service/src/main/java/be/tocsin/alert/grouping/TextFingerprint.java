package be.tocsin.alert.grouping;

import java.nio.ByteBuffer;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import com.google.common.hash.HashFunction;
import com.google.common.hash.Hashing;

/**
 * Finds messages that are one template with small edits: the text is normalised (case and accents
 * folded; links, numbers, amounts and codes masked), cut into character 5-grams, summarised by a
 * 64-value MinHash signature, and the signature cut into 16 bands of 4. Two texts that share a band
 * are candidates for one campaign; the band keys are indexed, so finding candidates never scans
 * past messages. Texts with a Jaccard similarity of 0.6 share a band with probability ~0.9; at 0.2,
 * ~0.03 — too often among thousands of short texts with common wording, so a candidate is then
 * checked against the signature kept with the band ({@link #similarity}).
 */
public final class TextFingerprint {

    public static final int HASHES = 64;
    public static final int BANDS = 16;
    private static final int ROWS = HASHES / BANDS;
    private static final int SHINGLE = 5;
    private static final int MIN_NORMALISED_LENGTH = 20;

    private static final Pattern URL = Pattern.compile(
            "(?i)\\b(?:https?://)?(?:[\\p{L}\\p{N}-]+\\.)+\\p{L}{2,63}(?:/\\S*)?");
    private static final Pattern NUMBER = Pattern.compile("[+]?\\d[\\d\\s.,/-]*\\d|\\d");
    private static final Pattern CODE = Pattern.compile("\\b(?=\\w*\\d)\\w{4,}\\b");
    private static final Pattern NOT_LETTER = Pattern.compile("[^\\p{L}#@ ]+");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private static final HashFunction SHINGLE_HASH = Hashing.murmur3_128(0x70c51);
    private static final long[] SEEDS_A = seeds(1);
    private static final long[] SEEDS_B = seeds(2);

    private final long[] signature;

    private TextFingerprint(long[] signature) {
        this.signature = signature;
    }

    /** The fingerprint of a message, or null when too little text is left to compare. */
    public static TextFingerprint of(String message) {
        String text = normalise(message);
        if (text.length() < MIN_NORMALISED_LENGTH) {
            return null;
        }
        long[] signature = new long[HASHES];
        Arrays.fill(signature, Long.MAX_VALUE);
        for (int i = 0; i + SHINGLE <= text.length(); i++) {
            long shingle = SHINGLE_HASH.hashUnencodedChars(text.substring(i, i + SHINGLE)).asLong();
            for (int h = 0; h < HASHES; h++) {
                long value = mix(SEEDS_A[h] * shingle + SEEDS_B[h]);
                if (value < signature[h]) {
                    signature[h] = value;
                }
            }
        }
        return new TextFingerprint(signature);
    }

    /**
     * Case and accents folded, links → {@code @}, numbers, amounts and codes → {@code #}, punctuation
     * dropped, spaces collapsed: what stays the same across a campaign's variants.
     */
    public static String normalise(String message) {
        if (message == null) {
            return "";
        }
        String text = Normalizer.normalize(message, Normalizer.Form.NFKD);
        text = MARKS.matcher(text).replaceAll("").toLowerCase(Locale.ROOT);
        text = URL.matcher(text).replaceAll(" @ ");
        text = CODE.matcher(text).replaceAll(" # ");
        text = NUMBER.matcher(text).replaceAll(" # ");
        text = NOT_LETTER.matcher(text).replaceAll(" ");
        return SPACES.matcher(text).replaceAll(" ").strip();
    }

    /** The locality-sensitive band keys: texts sharing one are candidates for the same template. */
    public List<String> bandKeys() {
        List<String> keys = new ArrayList<>(BANDS);
        for (int band = 0; band < BANDS; band++) {
            long hash = 1125899906842597L;
            for (int row = 0; row < ROWS; row++) {
                hash = 31 * hash + signature[band * ROWS + row];
            }
            keys.add(band + ":" + Long.toHexString(mix(hash)));
        }
        return keys;
    }

    /** The estimated Jaccard similarity of the two texts' shingle sets (0 to 1). */
    public double similarity(TextFingerprint other) {
        int same = 0;
        for (int h = 0; h < HASHES; h++) {
            if (signature[h] == other.signature[h]) {
                same++;
            }
        }
        return same / (double) HASHES;
    }

    /** Band keys two fingerprints share. */
    public Set<String> sharedBands(TextFingerprint other) {
        Set<String> shared = new LinkedHashSet<>(bandKeys());
        shared.retainAll(other.bandKeys());
        return shared;
    }

    /** The signature as 512 bytes, to keep with a band key. */
    public byte[] toBytes() {
        ByteBuffer bytes = ByteBuffer.allocate(HASHES * Long.BYTES);
        for (long value : signature) {
            bytes.putLong(value);
        }
        return bytes.array();
    }

    /** A signature kept by {@link #toBytes()}. */
    public static TextFingerprint fromBytes(byte[] stored) {
        ByteBuffer bytes = ByteBuffer.wrap(stored);
        long[] signature = new long[HASHES];
        for (int h = 0; h < HASHES; h++) {
            signature[h] = bytes.getLong();
        }
        return new TextFingerprint(signature);
    }

    private static long[] seeds(int stream) {
        long[] seeds = new long[HASHES];
        long state = 0x9E3779B97F4A7C15L * stream;
        for (int i = 0; i < HASHES; i++) {
            state = mix(state + 0x9E3779B97F4A7C15L);
            seeds[i] = state | 1;
        }
        return seeds;
    }

    /** SplitMix64's finaliser: a cheap, well-spread 64-bit mix. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
