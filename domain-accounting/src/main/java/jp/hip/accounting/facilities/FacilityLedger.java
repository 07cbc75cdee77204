package jp.hip.accounting.facilities;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import jp.hip.accounting.AccountingException;
import jp.hip.accounting.FiscalYear;
import jp.hip.accounting.HealthAccounting;
import jp.hip.accounting.Yen;
import jp.hip.accounting.depreciation.Depreciation;
import jp.hip.accounting.depreciation.DepreciationRounding;
import jp.hip.accounting.ledger.InvestmentLine;
import jp.hip.accounting.ledger.InvestmentLineRepository;
import jp.hip.accounting.ledger.Measure;
import jp.hip.accounting.ledger.MeasureRepository;
import jp.hip.accounting.years.AccountingYears;
import jp.hip.accounting.years.Policy;
import jp.hip.accounting.years.PolicyRepository;
import jp.hip.identity.AuditLog;

/**
 * Facilities (空間投資) as a 固定資産台帳: tax depreciation per 年度 ({@link Depreciation}, ADR 0024) and its
 * apportionment among the measures that use a facility (ADR 0025): the depreciation lines of one facility-year
 * hold shares that sum to at most 100 %, so the year's health-use depreciation is counted once. Every method acts
 * on the current tenant only.
 */
@Service
public class FacilityLedger {

    /** A facility's schedule: one 固定資産台帳 row per 年度, and which lines apportion each year. */
    public record Ledger(HealthAccounting.FacilityView facility, List<Depreciation.Year> years, DepreciationRounding rounding,
            Map<FiscalYear, BigDecimal> apportioned) {}

    private final FacilityRepository facilities;
    private final InvestmentLineRepository lines;
    private final MeasureRepository measures;
    private final PolicyRepository policies;
    private final AccountingYears years;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final Clock clock;

    FacilityLedger(FacilityRepository facilities, InvestmentLineRepository lines, MeasureRepository measures,
            PolicyRepository policies, AccountingYears years, AuditLog audit, TransactionTemplate tx, Clock clock) {
        this.years = years;
        this.facilities = facilities;
        this.lines = lines;
        this.measures = measures;
        this.policies = policies;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    public List<HealthAccounting.FacilityView> facilities(FiscalYear year) {
        return tx.execute(s -> {
            DepreciationRounding rounding = rounding();
            Map<UUID, BigDecimal> shares = new HashMap<>();
            lines.findByFacilityIdIsNotNull().stream().filter(l -> l.fiscalYear().equals(year))
                    .forEach(l -> shares.merge(l.facilityId(), share(l), BigDecimal::add));
            return facilities.findAllByOrderByName().stream()
                    .map(f -> view(f, year, rounding, shares.getOrDefault(f.id(), BigDecimal.ZERO))).toList();
        });
    }

    /** The facility with its whole schedule; empty for another company's id. */
    public Optional<Ledger> ledger(UUID id) {
        return tx.execute(s -> facilities.findById(id).map(f -> {
            DepreciationRounding rounding = rounding();
            Map<FiscalYear, BigDecimal> apportioned = new java.util.TreeMap<>();
            lines.findByFacilityId(id).forEach(l -> apportioned.merge(l.fiscalYear(), share(l), BigDecimal::add));
            FiscalYear current = FiscalYear.current();
            return new Ledger(view(f, current, rounding, apportioned.getOrDefault(current, BigDecimal.ZERO)),
                    f.depreciation().schedule(rounding), rounding, apportioned);
        }));
    }

    public UUID create(HealthAccounting.FacilityCommand command) {
        return tx.execute(s -> {
            if (command.depreciation() == null) {
                throw new AccountingException("accounting.facility.incomplete");
            }
            Facility facility = facilities.save(new Facility(command.name(), command.depreciation(), command.note()));
            audit.record("ACC_FACILITY_CREATED", "Facility", facility.id(), Map.of("name", facility.name(),
                    "method", facility.depreciation().taxMethod().name(), "rateTable", facility.rateTable()));
            return facility.id();
        });
    }

    /** Changes a facility and recomputes every depreciation line drawn from it (audited with the old and new totals). */
    public void change(UUID id, HealthAccounting.FacilityCommand command) {
        tx.executeWithoutResult(s -> {
            Facility facility = facilities.findLockedById(id).orElseThrow(() -> new AccountingException("accounting.notFound"));
            if (command.depreciation() == null) {
                throw new AccountingException("accounting.facility.incomplete");
            }
            List<InvestmentLine> drawn = lines.findByFacilityId(id);
            years.requireOpen(drawn.stream().map(l -> l.fiscalYear().startYear()).collect(java.util.stream.Collectors.toSet()));
            for (InvestmentLine l : drawn) {
                if (!command.depreciation().inUseIn(l.fiscalYear())) {
                    throw new AccountingException("accounting.facility.beforeAcquisition");
                }
            }
            facility.change(command.name(), command.depreciation(), command.note());
            DepreciationRounding rounding = rounding();
            drawn.forEach(l -> l.recomputeDepreciation(facility.name(), facility.depreciation(), rounding));
            audit.record("ACC_FACILITY_CHANGED", "Facility", id, Map.of("name", facility.name(), "linesRecomputed", drawn.size()));
        });
    }

    /** Deletes a facility; refused while depreciation lines draw on it (they name it, and would lose their basis). */
    public void delete(UUID id) {
        tx.executeWithoutResult(s -> {
            Facility facility = facilities.findLockedById(id).orElseThrow(() -> new AccountingException("accounting.notFound"));
            if (!lines.findByFacilityId(id).isEmpty()) {
                throw new AccountingException("accounting.facility.inUse");
            }
            facilities.delete(facility);
            audit.record("ACC_FACILITY_DELETED", "Facility", id, Map.of("name", facility.name()));
        });
    }

    /**
     * 空間投資 → 減価償却費: {@code share} (0 &lt; share ≤ 1) of the facility's health-use depreciation in the measure's
     * 年度. Refused when the facility-year's shares would exceed 100 % (the message names what is left), or when the
     * 年度 ends before the facility was acquired.
     */
    public UUID addDepreciationLine(UUID measureId, UUID facilityId, BigDecimal share) {
        return tx.execute(s -> {
            Measure measure = measures.findById(measureId).orElseThrow(() -> new AccountingException("accounting.notFound"));
            years.requireOpen(measure.fiscalYear());
            if (facilityId == null) {
                throw new AccountingException("accounting.facility.unknown");
            }
            Facility facility = facilities.findLockedById(facilityId)
                    .orElseThrow(() -> new AccountingException("accounting.facility.unknown"));
            BigDecimal used = lines.findByFacilityIdAndFiscalYear(facilityId, measure.fiscalYear().startYear()).stream()
                    .map(FacilityLedger::share).reduce(BigDecimal.ZERO, BigDecimal::add);
            if (share != null && used.add(share).compareTo(BigDecimal.ONE) > 0) {
                throw new ShareExceeded(BigDecimal.ONE.subtract(used).max(BigDecimal.ZERO));
            }
            InvestmentLine line = lines.save(InvestmentLine.ofDepreciation(measure, facility.id(), facility.name(),
                    facility.depreciation(), share, rounding(), clock.instant()));
            audit.record("ACC_LINE_ADDED", "InvestmentLine", line.id(), Map.of("measure", measureId.toString(),
                    "facility", facilityId.toString(), "share", share.toPlainString(), "amount", line.amount().amount()));
            return line.id();
        });
    }

    /** Refused: the facility-year's shares would exceed 100 %. {@link #remainingPercent} says how much is left. */
    public static final class ShareExceeded extends AccountingException {
        private final BigDecimal remaining;

        ShareExceeded(BigDecimal remaining) {
            super("accounting.facility.shareExceeded");
            this.remaining = remaining;
        }

        public String remainingPercent() {
            return remaining.movePointRight(2).setScale(4, RoundingMode.DOWN).stripTrailingZeros().toPlainString();
        }
    }

    public DepreciationRounding rounding() {
        return tx.execute(s -> policies.findFirstBy().map(Policy::depreciationRounding).orElse(DepreciationRounding.DOWN));
    }

    /** Changes the company's rounding rule and recomputes every depreciation line (audited). */
    public void changeRounding(DepreciationRounding rounding) {
        tx.executeWithoutResult(s -> {
            Policy policy = policies.findFirstBy().orElseGet(Policy::defaults);
            DepreciationRounding before = policy.depreciationRounding();
            policy.roundDepreciation(rounding);
            policies.save(policy);
            Map<UUID, Facility> byId = new HashMap<>();
            facilities.findAll().forEach(f -> byId.put(f.id(), f));
            List<InvestmentLine> drawn = lines.findByFacilityIdIsNotNull();
            years.requireOpen(drawn.stream().map(l -> l.fiscalYear().startYear()).collect(java.util.stream.Collectors.toSet()));
            drawn.forEach(l -> {
                Facility facility = byId.get(l.facilityId());
                l.recomputeDepreciation(facility.name(), facility.depreciation(), rounding);
            });
            audit.record("ACC_ROUNDING_CHANGED", "Policy", policy.id(), Map.of("from", before.name(), "to", rounding.name(),
                    "linesRecomputed", drawn.size()));
        });
    }

    private static BigDecimal share(InvestmentLine l) {
        return l.facilityShare() == null ? BigDecimal.ONE : l.facilityShare();
    }

    static HealthAccounting.FacilityView view(Facility f, FiscalYear year, DepreciationRounding rounding, BigDecimal apportioned) {
        Depreciation d = f.depreciation();
        List<Depreciation.Year> schedule = d.schedule(rounding);
        Optional<Depreciation.Year> y = schedule.stream().filter(r -> r.fiscalYear().equals(year)).findFirst();
        Yen book = schedule.isEmpty() || year.compareTo(schedule.get(0).fiscalYear()) < 0 ? d.acquisitionCost()
                : schedule.stream().filter(r -> r.fiscalYear().compareTo(year) <= 0).reduce((a, b) -> b)
                        .map(Depreciation.Year::closing).orElse(d.acquisitionCost());
        return new HealthAccounting.FacilityView(f.id(), f.name(), d, f.note(), y.map(Depreciation.Year::amount).orElse(Yen.ZERO),
                y.map(Depreciation.Year::healthShare).orElse(Yen.ZERO), book, book.amount() <= Depreciation.MEMORANDUM_VALUE,
                d.taxMethod(), f.rateTable(), apportioned);
    }
}
