package jp.hip.accounting.ledger;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jp.hip.accounting.AccountingException;
import jp.hip.accounting.Yen;

/**
 * 按分 (guideline 第4章 効果別の分類): an investment line serves its indicators either by ratios that sum to
 * exactly 1, or wholly the one indicator it affects most ({@link #primaryOnly}).
 */
public record AllocationRule(boolean primaryOnly, List<Share> shares) {

    /** One indicator's share of a line, 0 &lt; ratio ≤ 1, at most six decimals. */
    public record Share(UUID indicatorId, BigDecimal ratio) {
        public Share {
            if (indicatorId == null) {
                throw new AccountingException("accounting.allocation.indicatorRequired");
            }
            if (ratio == null || ratio.signum() <= 0 || ratio.compareTo(BigDecimal.ONE) > 0) {
                throw new AccountingException("accounting.allocation.ratioRange");
            }
            if (ratio.stripTrailingZeros().scale() > 6) {
                throw new AccountingException("accounting.allocation.ratioScale");
            }
        }
    }

    public AllocationRule {
        shares = shares == null ? List.of() : List.copyOf(shares);
        if (shares.isEmpty()) {
            throw new AccountingException("accounting.allocation.empty");
        }
        if (primaryOnly && shares.size() != 1) {
            throw new AccountingException("accounting.allocation.primaryOnlyOne");
        }
        Set<UUID> seen = new HashSet<>();
        BigDecimal sum = BigDecimal.ZERO;
        for (Share share : shares) {
            if (!seen.add(share.indicatorId())) {
                throw new AccountingException("accounting.allocation.duplicate");
            }
            sum = sum.add(share.ratio());
        }
        if (sum.compareTo(BigDecimal.ONE) != 0) {
            throw new AccountingException("accounting.allocation.sumNotOne");
        }
    }

    /** The same rule: the same mode and the same ratio for each indicator, whatever their order or scale. */
    public boolean sameAs(AllocationRule other) {
        return other != null && primaryOnly == other.primaryOnly && ratios().equals(other.ratios());
    }

    private Map<UUID, BigDecimal> ratios() {
        Map<UUID, BigDecimal> ratios = new java.util.HashMap<>();
        shares.forEach(s -> ratios.put(s.indicatorId(), s.ratio().stripTrailingZeros()));
        return ratios;
    }

    /** Wholly to the main indicator. */
    public static AllocationRule primaryOnly(UUID indicatorId) {
        return new AllocationRule(true, List.of(new Share(indicatorId, BigDecimal.ONE)));
    }

    public static AllocationRule ratios(List<Share> shares) {
        return new AllocationRule(false, shares);
    }

    /**
     * Splits an amount by the ratios in whole yen. Each share is rounded down and the yen left over go to the
     * shares with the largest remainders, so the parts always add up to the whole.
     */
    public Map<UUID, Yen> split(Yen amount) {
        Map<UUID, Long> parts = new LinkedHashMap<>();
        Map<UUID, BigDecimal> remainders = new LinkedHashMap<>();
        long assigned = 0;
        for (Share share : shares) {
            BigDecimal exact = amount.toBigDecimal().multiply(share.ratio());
            long floor = exact.setScale(0, RoundingMode.DOWN).longValueExact();
            parts.put(share.indicatorId(), floor);
            remainders.put(share.indicatorId(), exact.subtract(BigDecimal.valueOf(floor)));
            assigned += floor;
        }
        long left = amount.amount() - assigned;
        List<UUID> byRemainder = remainders.entrySet().stream()
                .sorted(Map.Entry.<UUID, BigDecimal>comparingByValue().reversed())
                .map(Map.Entry::getKey).toList();
        for (int i = 0; left > 0; i = (i + 1) % byRemainder.size(), left--) {
            parts.merge(byRemainder.get(i), 1L, Long::sum);
        }
        Map<UUID, Yen> result = new LinkedHashMap<>();
        parts.forEach((id, yen) -> result.put(id, Yen.of(yen)));
        return result;
    }
}
