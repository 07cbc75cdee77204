package jp.hip.phr.statistics;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import jp.hip.identity.AuditLog;

/**
 * Counts per cell (sex × age band) of an insurer's own members' 特定健診 results, read on the statutory basis
 * (法令: an insurer and its members' 特定健診・特定保健指導 records, 高齢者医療確保法; product.md §5): the SQL reads
 * only the insurer tenant's INSURED memberships and the CHECKUP observations that this insurer supplied
 * ({@code phr_observation.tenant_id}), so no consent join applies and no other tenant's data is read. An employer
 * cohort narrows the members to those who work at the named 事業所 of the linked company (the company's EMPLOYEE
 * membership: only its 事業所番号 is compared, nothing of the company's own records is read).
 *
 * <p>Per-person values live only inside {@link #count}: what leaves this class is counts. Each build writes one
 * entry to the audit log (it names no person, so no person's access log gets a line, as for the members overview).
 * Suppression is the caller's job, on these counts, before anything is shown (domain-collabo).
 */
@Service
public class CheckupStatistics {

    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    public enum Sex { MALE, FEMALE, OTHER }

    public enum ConditionKind { NUMERIC, CODED, MEDICATION }

    /**
     * One condition of a metric. NUMERIC: the latest value in the 年度 of any item with one of {@code items}
     * (同一性項目コード) compared with the threshold for the person's sex ({@code GE}: at least; {@code LT}: under).
     * CODED and MEDICATION: the latest answer of the item code in {@code items} is one of the codes for the sex.
     */
    public record Condition(ConditionKind kind, List<String> items, String op, BigDecimal male, BigDecimal female,
            Set<String> codesMale, Set<String> codesFemale) {}

    /** A metric counts, per cell, the persons with any value for it (measured) and those for whom a condition holds. */
    public record Metric(String key, List<Condition> conditions) {}

    /** Who is counted: the insurer's members aged {@code minAge}–{@code maxAge} at the 年度末, optionally one employer's. */
    public record Cohort(UUID insurerTenantId, UUID companyTenantId, Set<String> establishmentNumbers, int fiscalYear,
            int minAge, int maxAge, List<Integer> ageBandStarts) {
        boolean wholeInsurer() {
            return companyTenantId == null;
        }
    }

    /** A 被保険者証 記号・番号 (the symbol may be empty). */
    public record InsuredCard(String symbol, String number) {
        String key() {
            return (symbol == null ? "" : symbol) + "|" + number;
        }
    }

    /** 特定保健指導 of the 年度, by card: who was a target and who completed it (recorded by the insurer). */
    public record Guidance(Set<InsuredCard> targets, Set<InsuredCard> completed) {
        public static Guidance none() {
            return new Guidance(Set.of(), Set.of());
        }
    }

    /** measured = persons with a value for the metric; positive = persons for whom a condition holds. */
    public record MetricCount(int measured, int positive) {}

    /** The counts of one cell. */
    public record CellCounts(int eligible, int examined, int guidanceTargets, int guidanceCompleted,
            Map<String, MetricCount> metrics) {}

    public record Stratum(Sex sex, int ageBand) {}

    /** The counts per cell; cells without persons are absent. */
    public record Counts(int fiscalYear, Map<Stratum, CellCounts> cells) {}

    /** The 事業所 of a company, with how many employees it holds records for (for naming them in a link). */
    public record EstablishmentCount(String number, String name, int employees) {}

    private final JdbcClient jdbc;
    private final AuditLog audit;

    CheckupStatistics(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** The company's own 事業所 (from its EMPLOYEE memberships), with counts: for the company's own page. */
    public List<EstablishmentCount> establishmentsOf(UUID companyTenantId) {
        return jdbc.sql("""
                select establishment_number, max(establishment_name), count(*) from phr_membership
                 where tenant_id = ? and kind = 'EMPLOYEE' and establishment_number is not null
                 group by establishment_number order by establishment_number""")
                .param(companyTenantId)
                .query((rs, n) -> new EstablishmentCount(rs.getString(1), rs.getString(2), rs.getInt(3))).list();
    }

    /** Which of these cards are not the insurer's members (for refusing 特定保健指導 rows of non-members). */
    public Set<InsuredCard> nonMembers(UUID insurerTenantId, Collection<InsuredCard> cards) {
        if (cards.isEmpty()) {
            return Set.of();
        }
        List<String> keys = cards.stream().map(InsuredCard::key).distinct().toList();
        Set<String> known = new java.util.HashSet<>(jdbc.sql("""
                select coalesce(insured_symbol, '') || '|' || insured_number from phr_membership
                 where tenant_id = :insurer and kind = 'INSURED' and insured_number is not null
                   and coalesce(insured_symbol, '') || '|' || insured_number = any(:keys)""")
                .param("insurer", insurerTenantId).param("keys", keys.toArray(String[]::new)).query(String.class).list());
        Set<InsuredCard> missing = new LinkedHashSet<>();
        cards.forEach(c -> {
            if (!known.contains(c.key())) {
                missing.add(c);
            }
        });
        return missing;
    }

    /**
     * Counts the cohort's members per cell for the 年度: eligible (age at the 年度末 in range), examined (any 特定健診
     * observation this insurer supplied in the 年度), 特定保健指導 targets and completions, and per metric the
     * measured and positive persons. One audit entry ("PHR_STATUTORY_AGGREGATE_READ", basis 法令) per call.
     */
    public Counts count(Cohort cohort, List<Metric> metrics, Guidance guidance, String purpose) {
        LocalDate yearEnd = LocalDate.of(cohort.fiscalYear() + 1, 3, 31);
        Timestamp from = Timestamp.from(LocalDate.of(cohort.fiscalYear(), 4, 1).atStartOfDay(JAPAN).toInstant());
        Timestamp to = Timestamp.from(LocalDate.of(cohort.fiscalYear() + 1, 4, 1).atStartOfDay(JAPAN).toInstant());
        // The columns: one per distinct item list of the metrics' conditions (latest value in the 年度).
        Map<String, Integer> numericColumns = new LinkedHashMap<>();
        Map<String, Integer> codedColumns = new LinkedHashMap<>();
        for (Metric m : metrics) {
            for (Condition c : m.conditions()) {
                String items = String.join(",", c.items());
                if (c.kind() == ConditionKind.NUMERIC) {
                    numericColumns.putIfAbsent(items, numericColumns.size());
                } else {
                    codedColumns.putIfAbsent(items, codedColumns.size());
                }
            }
        }
        StringBuilder select = new StringBuilder();
        Map<String, Object> params = new HashMap<>();
        for (Map.Entry<String, Integer> e : numericColumns.entrySet()) {
            select.append(", (array_agg(o.value_num order by o.effective_start desc) filter (where o.value_num is not null"
                    + " and o.identity_code = any(:n").append(e.getValue()).append(")))[1] as n").append(e.getValue());
            params.put("n" + e.getValue(), e.getKey().split(","));
        }
        for (Map.Entry<String, Integer> e : codedColumns.entrySet()) {
            // 問診 answers are Observations with valueCodeableConcept (value_code when the importer fills it).
            select.append(", (array_agg(coalesce(o.value_code, o.resource #>> '{valueCodeableConcept,coding,0,code}')"
                    + " order by o.effective_start desc) filter (where o.code = any(:c").append(e.getValue()).append(")))[1] as c")
                    .append(e.getValue());
            params.put("c" + e.getValue(), e.getKey().split(","));
        }
        String sql = """
                with cohort as (
                    select m.person_id, p.gender, coalesce(m.insured_symbol, '') || '|' || m.insured_number as card,
                           cast(extract(year from age(cast(:yearEnd as date), p.birth_date)) as int) as age
                      from phr_membership m
                      join phr_person p on p.id = m.person_id
                     where m.tenant_id = :insurer and m.kind = 'INSURED' and p.birth_date is not null
                       %s
                )
                select c.gender, c.age, c.card, count(o.id) > 0 as examined %s
                  from cohort c
                  left join phr_observation o on o.person_id = c.person_id and o.tenant_id = :insurer
                        and o.data_category = 'CHECKUP' and o.effective_start >= :from and o.effective_start < :to
                 where c.age between :minAge and :maxAge
                 group by c.person_id, c.gender, c.age, c.card""".formatted(cohort.wholeInsurer() ? "" : """
                       and exists (select 1 from phr_membership e where e.tenant_id = :company and e.person_id = m.person_id
                                      and e.kind = 'EMPLOYEE' and e.establishment_number = any(:establishments))""",
                select);
        JdbcClient.StatementSpec spec = jdbc.sql(sql).param("insurer", cohort.insurerTenantId())
                .param("yearEnd", java.sql.Date.valueOf(yearEnd)).param("from", from).param("to", to)
                .param("minAge", cohort.minAge()).param("maxAge", cohort.maxAge());
        if (!cohort.wholeInsurer()) {
            spec = spec.param("company", cohort.companyTenantId())
                    .param("establishments", cohort.establishmentNumbers().toArray(String[]::new));
        }
        for (Map.Entry<String, Object> p : params.entrySet()) {
            spec = spec.param(p.getKey(), p.getValue());
        }
        Set<String> targets = keys(guidance.targets());
        Set<String> completed = keys(guidance.completed());
        Map<Stratum, Tally> tallies = new LinkedHashMap<>();
        spec.query(rs -> {
            Sex sex = switch (rs.getString("gender")) {
                case "male" -> Sex.MALE;
                case "female" -> Sex.FEMALE;
                default -> Sex.OTHER;
            };
            Stratum cell = new Stratum(sex, band(cohort.ageBandStarts(), rs.getInt("age")));
            Tally t = tallies.computeIfAbsent(cell, k -> new Tally(metrics));
            t.eligible++;
            boolean examined = rs.getBoolean("examined");
            String card = rs.getString("card");
            if (targets.contains(card)) {
                t.guidanceTargets++;
                if (completed.contains(card)) {
                    t.guidanceCompleted++;
                }
            }
            if (!examined) {
                return;
            }
            t.examined++;
            for (int i = 0; i < metrics.size(); i++) {
                boolean measured = false;
                boolean positive = false;
                for (Condition c : metrics.get(i).conditions()) {
                    String items = String.join(",", c.items());
                    if (c.kind() == ConditionKind.NUMERIC) {
                        BigDecimal v = rs.getBigDecimal("n" + numericColumns.get(items));
                        if (v != null) {
                            measured = true;
                            BigDecimal limit = sex == Sex.FEMALE ? c.female() : c.male();
                            positive |= "LT".equals(c.op()) ? v.compareTo(limit) < 0 : v.compareTo(limit) >= 0;
                        }
                    } else {
                        String v = rs.getString("c" + codedColumns.get(items));
                        if (v != null) {
                            // a medication answer alone does not make a person measured for a risk
                            measured |= c.kind() == ConditionKind.CODED;
                            positive |= (sex == Sex.FEMALE ? c.codesFemale() : c.codesMale()).contains(v);
                        }
                    }
                }
                if (measured) {
                    t.measured[i]++;
                    if (positive) {
                        t.positive[i]++;
                    }
                }
            }
        });
        Map<Stratum, CellCounts> cells = new LinkedHashMap<>();
        tallies.forEach((cell, t) -> {
            Map<String, MetricCount> byMetric = new LinkedHashMap<>();
            for (int i = 0; i < metrics.size(); i++) {
                byMetric.put(metrics.get(i).key(), new MetricCount(t.measured[i], t.positive[i]));
            }
            cells.put(cell, new CellCounts(t.eligible, t.examined, t.guidanceTargets, t.guidanceCompleted, byMetric));
        });
        audit.recordFor(cohort.insurerTenantId(), actorId(), null, "PHR_STATUTORY_AGGREGATE_READ", "CheckupStatistics",
                cohort.wholeInsurer() ? "insurer" : cohort.companyTenantId().toString(),
                Map.of("basis", "法令 (高齢者医療確保法: 保険者と加入者の特定健診記録)", "fiscalYear", cohort.fiscalYear(),
                        "establishments", cohort.wholeInsurer() ? List.of() : new ArrayList<>(cohort.establishmentNumbers()),
                        "purpose", purpose, "cells", cells.size()));
        return new Counts(cohort.fiscalYear(), cells);
    }

    private static int band(List<Integer> starts, int age) {
        int band = 0;
        for (int i = 0; i < starts.size(); i++) {
            if (age >= starts.get(i)) {
                band = i;
            }
        }
        return band;
    }

    private static Set<String> keys(Set<InsuredCard> cards) {
        Set<String> keys = new java.util.HashSet<>();
        cards.forEach(c -> keys.add(c.key()));
        return keys;
    }

    private static String actorId() {
        var authentication = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
        return authentication == null ? "system" : authentication.getName();
    }

    private static final class Tally {
        int eligible;
        int examined;
        int guidanceTargets;
        int guidanceCompleted;
        final int[] measured;
        final int[] positive;

        Tally(List<Metric> metrics) {
            measured = new int[metrics.size()];
            positive = new int[metrics.size()];
        }
    }
}
