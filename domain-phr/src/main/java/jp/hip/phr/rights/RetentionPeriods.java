package jp.hip.phr.rights;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How long holders must keep checkup records (ADR 0041), as settings because the periods belong to the law, not to
 * the code:
 * <ul>
 * <li>{@code hip.phr.retention.insurer-checkup-years} (5): 特定健康診査及び特定保健指導の実施に関する基準 第10条 —
 * from the 年度 after the record was made (作成の日の属する年度の翌年度から五年を経過するまで), so a record made in
 * 2025年度 is kept until 2031年3月31日;</li>
 * <li>{@code hip.phr.retention.employer-checkup-years} (5): 労働安全衛生規則 第51条 — 健康診断個人票 五年間, counted
 * here from the day the record was made (the 規則 names no start; the period's start is a setting's question);</li>
 * <li>{@code hip.phr.export.stale-minutes} (30): an export marker older than this no longer blocks deletion.</li>
 * </ul>
 */
@Component
class RetentionPeriods {

    final int insurerYears;
    final int employerYears;
    final int exportStaleMinutes;

    RetentionPeriods(@Value("${hip.phr.retention.insurer-checkup-years:5}") int insurerYears,
            @Value("${hip.phr.retention.employer-checkup-years:5}") int employerYears,
            @Value("${hip.phr.export.stale-minutes:30}") int exportStaleMinutes) {
        if (insurerYears < 0 || employerYears < 0 || exportStaleMinutes < 1) {
            throw new IllegalArgumentException("hip.phr.retention.* must be 0 or more years, hip.phr.export.stale-minutes at least 1");
        }
        this.insurerYears = insurerYears;
        this.employerYears = employerYears;
        this.exportStaleMinutes = exportStaleMinutes;
    }

    /**
     * The person's statutory checkup observations with the date each must be kept until (alias-free subquery over
     * {@code :person}, {@code :insurerYears}, {@code :employerYears}): observations of category CHECKUP that an
     * insurer supplied for its 被保険者・被扶養者, or an employer for its employee — the holders ADR 0036 reads by law.
     */
    static final String STATUTORY = """
            select o.id, o.tenant_id, o.checkup_id, o.source_document_id, m.kind, o.effective_start,
                   case when m.kind = 'INSURED'
                        then make_date(extract(year from (coalesce(c.received_at, o.last_updated) at time zone 'Asia/Tokyo')
                                       - interval '3 months')::int + 1 + :insurerYears, 3, 31)
                        else ((coalesce(c.received_at, o.last_updated) at time zone 'Asia/Tokyo')::date
                              + make_interval(years => :employerYears))::date end as kept_until
              from phr_observation o
              join phr_membership m on m.tenant_id = o.tenant_id and m.person_id = o.person_id
              join plat_tenant t on t.id = o.tenant_id
              left join phr_checkup c on c.tenant_id = o.tenant_id and c.id = o.checkup_id
             where o.person_id = :person and o.data_category = 'CHECKUP'
               and ((m.kind = 'INSURED' and t.kind = 'INSURER') or (m.kind = 'EMPLOYEE' and t.kind = 'COMPANY'))""";

    /** {@link #STATUTORY} still inside its period on {@code :today}: what a deletion keeps. */
    static final String RETAINED = "select * from (" + STATUTORY + ") s where s.kept_until >= :today";
}
