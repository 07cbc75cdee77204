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
import jp.hip.accounting.HealthAccounting.PolicyView;
import jp.hip.accounting.HealthAccounting.ValueView;

/** The published views of the module's aggregates, and sums of lines by an enum key (exact, never wrapping). */
final class AccountingViews {

    private AccountingViews() {}

    static <K extends Enum<K>> Map<K, Yen> sumBy(List<InvestmentLine> source, Function<InvestmentLine, K> key, Class<K> type) {
        Map<K, Yen> totals = new EnumMap<>(type);
        for (K k : type.getEnumConstants()) {
            totals.put(k, Yen.ZERO);
        }
        source.forEach(l -> totals.merge(key.apply(l), l.amount(), Yen::plus));
        return totals;
    }

    static PolicyView view(Policy p) {
        return new PolicyView(p.includeParticipantTime(), p.annualLabourCost(), p.annualWorkingDays(), p.employeeCount());
    }

    static MeasureView view(Measure m, List<InvestmentLine> own) {
        Map<ExpenseType, Yen> byType = sumBy(own, InvestmentLine::expenseType, ExpenseType.class);
        Yen total = byType.values().stream().reduce(Yen.ZERO, Yen::plus);
        return new MeasureView(m.id(), m.fiscalYear(), m.name(), m.description(), m.purpose(), m.standardIssues(),
                m.ownIssues(), m.participants(), total, byType, m.budget());
    }

    static LineView view(InvestmentLine l, Map<UUID, String> indicatorNames) {
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

    static IndicatorView view(Indicator i, List<IndicatorValue> vs) {
        return new IndicatorView(i.id(), i.name(), i.tier(), i.unit(), i.direction(), i.method(), i.population(), i.benefitKind(),
                vs.stream().sorted(Comparator.comparing(IndicatorValue::fiscalYear))
                        .map(v -> new ValueView(v.fiscalYear(), v.baseline(), v.target(), v.actual(), v.responseRate())).toList());
    }

    static Map<String, Yen> orderedSum(Map<String, Yen> map) {
        return new LinkedHashMap<>(map);
    }
}
