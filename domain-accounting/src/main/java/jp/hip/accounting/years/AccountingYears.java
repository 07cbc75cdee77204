package jp.hip.accounting.years;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import jp.hip.accounting.AccountingException;
import jp.hip.accounting.FiscalYear;
import jp.hip.accounting.HealthAccounting;
import jp.hip.accounting.ledger.InvestmentLine;
import jp.hip.accounting.ledger.InvestmentLineRepository;
import jp.hip.accounting.ledger.Measure;
import jp.hip.accounting.ledger.MeasureRepository;
import jp.hip.identity.AuditLog;
import jp.hip.identity.CurrentTenant;
import jp.hip.identity.SignedInUser;

/**
 * The 年度 as a unit of accounting: its policy (ADR 0027) and its close (年度確定, ADR 0028), and the copy of a
 * year's measures to the next. Every method acts on the current tenant only.
 */
@Service
public class AccountingYears {

    /** A year's policy; {@code carriedFrom} names the earlier year it is taken from when the year has none of its own. */
    public record YearPolicyView(FiscalYear fiscalYear, HealthAccounting.PolicyView policy, FiscalYear carriedFrom) {
        public boolean own() {
            return carriedFrom == null;
        }
    }

    /** A closed year: who closed it, when, and which close this is (1 for the first, 2 after one reopening …). */
    public record ClosedView(FiscalYear fiscalYear, Instant closedAt, String closedBy, int version) {
        /** When it was closed, in Japan's time. */
        public java.time.LocalDateTime closedAtJapan() {
            return java.time.LocalDateTime.ofInstant(closedAt, java.time.ZoneId.of("Asia/Tokyo"));
        }
    }

    private final YearPolicyRepository yearPolicies;
    private final PolicyRepository policies;
    private final YearCloseRepository closes;
    private final InvestmentLineRepository lines;
    private final MeasureRepository measures;
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final Clock clock;

    AccountingYears(YearPolicyRepository yearPolicies, PolicyRepository policies, YearCloseRepository closes,
            InvestmentLineRepository lines, MeasureRepository measures, JdbcClient jdbc, AuditLog audit, TransactionTemplate tx,
            Clock clock) {
        this.yearPolicies = yearPolicies;
        this.policies = policies;
        this.closes = closes;
        this.lines = lines;
        this.measures = measures;
        this.jdbc = jdbc;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    // ---- policy per year ----

    /** The policy in force for a year: its own, else the nearest earlier year's, else the company's former one. */
    public YearPolicyView policyOf(FiscalYear year) {
        return tx.execute(s -> {
            // its own or the nearest earlier year's, in one statement
            Optional<YearPolicy> latest = yearPolicies.findFirstByFiscalYearLessThanEqualOrderByFiscalYearDesc(year.startYear());
            if (latest.isPresent()) {
                FiscalYear from = latest.get().fiscalYear();
                return new YearPolicyView(year, view(latest.get()), from.equals(year) ? null : from);
            }
            Policy company = policies.findFirstBy().orElseGet(Policy::defaults);
            return new YearPolicyView(year, new HealthAccounting.PolicyView(company.includeParticipantTime(), company.annualLabourCost(),
                    company.annualWorkingDays(), company.employeeCount()), year.previous());
        });
    }

    /**
     * Sets a year's policy and recomputes that year's personnel-time lines (and only that year's), audited with the
     * number of lines and the year's 人件費 before and after. Refused for a closed year.
     */
    public int changePolicy(FiscalYear year, HealthAccounting.PolicyView change) {
        return tx.execute(s -> {
            requireOpen(year);
            YearPolicy policy = yearPolicies.findByFiscalYear(year.startYear()).orElseGet(() -> new YearPolicy(year));
            policy.change(change.includeParticipantTime(), change.annualLabourCost(), change.annualWorkingDays(), change.employeeCount());
            yearPolicies.save(policy);
            List<InvestmentLine> timeLines = lines.findByFiscalYear(year.startYear()).stream()
                    .filter(l -> l.personnelTime() != null).toList();
            long before = timeLines.stream().mapToLong(l -> l.amount().amount()).sum();
            timeLines.forEach(l -> l.recomputeTime(change.includeParticipantTime()));
            long after = timeLines.stream().mapToLong(l -> l.amount().amount()).sum();
            audit.record("ACC_POLICY_CHANGED", "YearPolicy", year.startYear(), Map.of("fiscalYear", year.startYear(),
                    "includeParticipantTime", change.includeParticipantTime(), "annualLabourCost", change.annualLabourCost().amount(),
                    "employeeCount", change.employeeCount(), "linesRecomputed", timeLines.size(), "personnelBefore", before,
                    "personnelAfter", after));
            return timeLines.size();
        });
    }

    // ---- 年度確定 ----

    public Optional<ClosedView> closed(FiscalYear year) {
        return tx.execute(s -> closes.findByFiscalYear(year.startYear()).map(AccountingYears::view));
    }

    /** Closes a year: from now on its measures, lines, allocations, values and policy are read-only. */
    public ClosedView close(FiscalYear year) {
        return tx.execute(s -> {
            if (closes.existsByFiscalYear(year.startYear())) {
                throw new AccountingException("accounting.year.alreadyClosed");
            }
            int version = nextCloseVersion(year);
            YearClose close = closes.saveAndFlush(new YearClose(year, clock.instant(), actor(), version));
            audit.record("ACC_YEAR_CLOSED", "FiscalYear", year.startYear(), Map.of("fiscalYear", year.startYear(), "version", version));
            return view(close);
        });
    }

    /** Reopens a closed year (audited with the reason). */
    public void reopen(FiscalYear year, String reason) {
        tx.executeWithoutResult(s -> {
            if (reason == null || reason.isBlank() || reason.strip().length() > 500) {
                throw new AccountingException("accounting.year.reasonRequired");
            }
            YearClose close = closes.findByFiscalYear(year.startYear())
                    .orElseThrow(() -> new AccountingException("accounting.year.notClosed"));
            closes.delete(close);
            audit.record("ACC_YEAR_REOPENED", "FiscalYear", year.startYear(), Map.of("fiscalYear", year.startYear(),
                    "closedVersion", close.closedVersion(), "reason", reason.strip()));
        });
    }

    /** Refuses a change to a closed year (public for the analysis inputs of {@code jp.hip.accounting.analysis}). */
    public void requireOpen(FiscalYear year) {
        if (closes.existsByFiscalYear(year.startYear())) {
            throw new AccountingException("accounting.year.closed");
        }
    }

    /** Refuses a change that touches any of these years while one is closed. */
    public void requireOpen(Set<Integer> years) {
        if (!years.isEmpty() && !closes.findByFiscalYearIn(years).isEmpty()) {
            throw new AccountingException("accounting.year.closed");
        }
    }

    /** Which of these years are closed. */
    public Set<Integer> closedAmong(Set<Integer> years) {
        Set<Integer> closed = new HashSet<>();
        closes.findByFiscalYearIn(years).forEach(c -> closed.add(c.fiscalYear().startYear()));
        return closed;
    }

    // ---- carry on ----

    /** {@link #copyToNext(FiscalYear, boolean)} without the budgets: a plan is made for its year (ADR 0085). */
    public int copyToNext(FiscalYear year) {
        return copyToNext(year, false);
    }

    /**
     * Copies a year's measures (name, description, purpose, issues, participants) and its policy to the next year,
     * skipping measures whose name the next year already has. Lines are actual costs and are not copied. A measure's
     * 予算 goes with it only when asked ({@code withBudgets}, ADR 0085): the user decides at each copy, and the audit
     * says which. Refused when the next year is closed. Returns the number of measures copied.
     */
    public int copyToNext(FiscalYear year, boolean withBudgets) {
        return tx.execute(s -> {
            FiscalYear next = year.next();
            requireOpen(next);
            Set<String> existing = measures.findByFiscalYearOrderByName(next.startYear()).stream().map(Measure::name)
                    .collect(Collectors.toSet());
            int copied = 0;
            for (Measure m : measures.findByFiscalYearOrderByName(year.startYear())) {
                if (existing.add(m.name())) {
                    Measure copy = new Measure(next, clock.instant());
                    copy.describe(m.name(), m.description(), m.purpose(), m.standardIssues(), m.ownIssues(), m.participants());
                    if (withBudgets) {
                        copy.plan(m.budget());
                    }
                    measures.save(copy);
                    copied++;
                }
            }
            if (yearPolicies.findByFiscalYear(next.startYear()).isEmpty()) {
                HealthAccounting.PolicyView p = policyOf(year).policy();
                YearPolicy policy = new YearPolicy(next);
                policy.change(p.includeParticipantTime(), p.annualLabourCost(), p.annualWorkingDays(), p.employeeCount());
                yearPolicies.save(policy);
            }
            audit.record("ACC_YEAR_COPIED", "FiscalYear", year.startYear(), Map.of("from", year.startYear(), "to", next.startYear(),
                    "measures", copied, "budgets", withBudgets));
            return copied;
        });
    }

    private int nextCloseVersion(FiscalYear year) {
        java.util.UUID tenant = CurrentTenant.tenantId().orElseThrow(() -> new AccountingException("accounting.notFound"));
        return jdbc.sql("""
                insert into acc_year_close_count (tenant_id, fiscal_year, closes) values (:tenant, :year, 1)
                on conflict (tenant_id, fiscal_year) do update set closes = acc_year_close_count.closes + 1
                returning closes
                """).param("tenant", tenant).param("year", year.startYear()).query(Integer.class).single();
    }

    private static String actor() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof SignedInUser user) {
            return user.displayName();
        }
        return authentication == null ? "system" : authentication.getName();
    }

    private static HealthAccounting.PolicyView view(YearPolicy p) {
        return new HealthAccounting.PolicyView(p.includeParticipantTime(), p.annualLabourCost(), p.annualWorkingDays(),
                p.employeeCount());
    }

    private static ClosedView view(YearClose c) {
        return new ClosedView(c.fiscalYear(), c.closedAt(), c.closedBy(), c.closedVersion());
    }
}
