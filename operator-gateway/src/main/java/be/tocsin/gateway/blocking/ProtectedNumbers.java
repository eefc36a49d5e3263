package be.tocsin.gateway.blocking;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps blocks off protected numbers (the list as {@link ProtectedNumberList} has it now). A number
 * that is protected is refused; a range that covers one is narrowed to the sibling prefixes around
 * it, so the rest of the range is still blocked; a narrowing that would need too many prefixes is
 * refused instead.
 */
public class ProtectedNumbers {

    // A 100-number block needs 18 narrower ranges, a 100,000-number block 45: beyond that, refuse.
    private static final int MAX_NARROWED_PREFIXES = 50;

    /** What may be sent for one indicator, and the protected number that changed it, if any. */
    public record Screened(List<BlockIndicator> sent, Optional<String> protectedNumber) {

        public boolean changed() {
            return protectedNumber.isPresent();
        }
    }

    private final List<String> numbers;

    public ProtectedNumbers(Collection<String> numbers) {
        this.numbers = List.copyOf(numbers);
    }

    public Screened screen(BlockIndicator indicator) {
        List<String> covered = numbers.stream().filter(indicator::covers).toList();
        if (covered.isEmpty()) {
            return new Screened(List.of(indicator), Optional.empty());
        }
        Optional<String> first = Optional.of(covered.get(0));
        if (!BlockIndicator.NUMBER_RANGE.equals(indicator.type())) {
            return new Screened(List.of(), first);
        }
        Set<String> prefixes = new LinkedHashSet<>(List.of(indicator.value()));
        for (String number : covered) {
            prefixes = around(prefixes, number);
            if (prefixes.size() > MAX_NARROWED_PREFIXES) {
                return new Screened(List.of(), first);
            }
        }
        return new Screened(prefixes.stream()
                .map(prefix -> new BlockIndicator(BlockIndicator.NUMBER_RANGE, prefix, indicator.direction())).toList(),
                first);
    }

    /**
     * Replaces the prefix that covers {@code number} with its siblings at every digit down to the
     * number itself: {@code +32781701} around {@code +3278170170} becomes {@code +327817010}
     * … {@code +327817019} without {@code +327817017}, then {@code +3278170171} … {@code +3278170179}:
     * everything but the protected line.
     */
    private static Set<String> around(Set<String> prefixes, String number) {
        Set<String> narrowed = new LinkedHashSet<>();
        for (String prefix : prefixes) {
            if (!number.startsWith(prefix)) {
                narrowed.add(prefix);
                continue;
            }
            List<String> siblings = new ArrayList<>();
            for (int position = prefix.length(); position < number.length(); position++) {
                for (char digit = '0'; digit <= '9'; digit++) {
                    if (digit != number.charAt(position)) {
                        siblings.add(number.substring(0, position) + digit);
                    }
                }
            }
            narrowed.addAll(siblings);
        }
        return narrowed;
    }
}
