package jp.hip.phr.access;

/**
 * The one SQL access join (ADR 0036, ref-phr.md §5.1). Appended to a read of {@code o} (phr_observation or
 * phr_medication_statement) by a tenant ({@code :accessor}), it lets a row through only where the tenant holds the
 * person (membership {@code m}) and one legal basis applies, the first of: 法令 (the insurer's own 特定健診 records
 * of its member, the employer's own 定期健診 results of its employee, the insurer reading its member's 定期健診
 * supplied by the employer since the member joined), 提供元 (the tenant supplied the row), 同意 (a current, active
 * permit of the person for the tenant, the row's data category and effective time). {@code allowed.basis} names
 * the {@link jp.hip.phr.AccessBasis}; {@code allowed.consent_id} and {@code allowed.consent_version} the consent
 * when the basis is CONSENT. Nothing is filtered after the query; a withdrawal counts from the next query.
 */
public final class AccessJoin {

    /** The join; the statement binds {@code :accessor} (the reading tenant). */
    public static final String JOIN = """
            join phr_membership m on m.tenant_id = :accessor and m.person_id = o.person_id
            join plat_tenant reader on reader.id = :accessor
            cross join lateral (select case
                    when o.data_category = 'CHECKUP' and o.tenant_id = :accessor and m.kind = 'INSURED'
                         and reader.kind = 'INSURER' then 'STATUTE_INSURER'
                    when o.data_category = 'CHECKUP' and o.tenant_id = :accessor and m.kind = 'EMPLOYEE'
                         and reader.kind = 'COMPANY' then 'STATUTE_EMPLOYER'
                    when o.data_category = 'CHECKUP' and o.tenant_id <> :accessor and m.kind = 'INSURED'
                         and reader.kind = 'INSURER' and o.effective_start >= m.since
                         and exists (select 1 from phr_membership e join plat_tenant supplier on supplier.id = e.tenant_id
                                      where e.tenant_id = o.tenant_id and e.person_id = o.person_id
                                        and e.kind = 'EMPLOYEE' and supplier.kind = 'COMPANY') then 'STATUTE_ART27'
                    when o.tenant_id = :accessor then 'SUPPLIER'
                  end as basis) held
            join lateral (select held.basis as basis, cast(null as uuid) as consent_id, cast(null as integer) as consent_version
                           where held.basis is not null
                          union all
                          (select 'CONSENT', c.id, c.version from phr_consent c
                            where held.basis is null and c.recipient_tenant_id = :accessor and c.person_id = o.person_id
                              and c.data_category = o.data_category and c.superseded_at is null
                              and c.status = 'active' and c.decision = 'permit'
                              and o.effective_start >= c.period_start
                              and (c.period_end is null or o.effective_start < (c.period_end + 1))
                            order by c.recorded_at limit 1)) allowed on true
            """;

    /** The consent that allowed a row, as a versioned reference (null unless the basis is CONSENT). */
    public static final String CONSENT_REF = "'Consent/' || allowed.consent_id || '/_history/' || allowed.consent_version";

    private AccessJoin() {}
}
