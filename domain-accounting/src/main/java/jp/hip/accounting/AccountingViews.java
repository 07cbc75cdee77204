package jp.hip.accounting;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import jp.hip.accounting.HealthAccounting.AllocationView;
import jp.hip.accounting.HealthAccounting.IndicatorView;
import jp.hip.accounting.HealthAccounting.LineView;
import jp.hip.accounting.HealthAccounting.MeasureView;
import jp.hip.accounting.HealthAccounting.ValueView;
import jp.hip.accounting.indicators.Indicator;
import jp.hip.accounting.indicators.IndicatorValue;
import jp.hip.accounting.ledger.AllocationRule;
import jp.hip.accounting.ledger.ExpenseType;
import jp.hip.accounting.ledger.InvestmentLine;
import jp.hip.accounting.ledger.Measure;

/** The published views of the module's aggregates, and sums of lines by an enum key (exact, never wrapping). */
public final class AccountingViews {

    private AccountingViews() {}

    public static <K extends Enum<K>> Map<K, Yen> sumBy(List<InvestmentLine> source, Function<InvestmentLine, K> key, Class<K> type) {
        Map<K, Yen> totals = zeros(type);
        source.forEach(l -> totals.merge(key.apply(l), l.amount(), Yen::plus));
        return totals;
    }

    /** Every constant of the enum with zero yen. */
    public static <K extends Enum<K>> Map<K, Yen> zeros(Class<K> type) {
        Map<K, Yen> totals = new EnumMap<>(type);
        for (K k : type.getEnumConstants()) {
            totals.put(k, Yen.ZERO);
        }
        return totals;
    }

    public static MeasureView view(Measure m, List<InvestmentLine> own) {
        return view(m, sumBy(own, InvestmentLine::expenseType, ExpenseType.class));
    }

    /** The measure with its totals per expense type (all four). */
    public static MeasureView view(Measure m, Map<ExpenseType, Yen> byType) {
        Yen total = byType.values().stream().reduce(Yen.ZERO, Yen::plus);
        return new MeasureView(m.id(), m.fiscalYear(), m.name(), m.description(), m.purpose(), m.standardIssues(),
                m.ownIssues(), m.participants(), total, byType, m.budget());
    }

    public static LineView view(InvestmentLine l, Map<UUID, String> indicatorNames) {
        AllocationRule rule = l.allocationRule();
        List<AllocationView> allocations = new ArrayList<>();
        if (rule != null) {
            Map<UUID, Yen> split = rule.split(l.amount());
            for (AllocationRule.Share share : rule.shares()) {
                allocations.add(new AllocationView(share.indicatorId(), indicatorNames.get(share.indicatorId()), share.ratio(),
                        split.get(share.indicatorId())));
            }
        }
        return new LineView(l.id(), l.measureId(), l.fiscalYear(), l.description(), l.expenseType(), l.resourceView(),
                l.amount(), l.sourceDocument(), l.personnelTime(), l.facilityId(), rule != null && rule.primaryOnly(), allocations);
    }

    public static IndicatorView view(Indicator i, List<IndicatorValue> vs) {
        return new IndicatorView(i.id(), i.name(), i.tier(), i.unit(), i.direction(), i.method(), i.population(), i.benefitKind(),
                vs.stream().sorted(Comparator.comparing(IndicatorValue::fiscalYear))
                        .map(v -> new ValueView(v.fiscalYear(), v.baseline(), v.target(), v.actual(), v.responseRate())).toList());
    }

    static Map<String, Yen> orderedSum(Map<String, Yen> map) {
        return new LinkedHashMap<>(map);
    }
}
