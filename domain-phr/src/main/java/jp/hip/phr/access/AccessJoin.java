package jp.hip.phr.access;

/**
 * The one SQL access join (ref-phr.md §5.1): appended to a read of {@code o} (phr_observation or
 * phr_medication_statement), it lets a row through only where a current, active permit of the person for the
 * accessor tenant ({@code :accessor}), the row's data category and the row's effective time exists, and the
 * accessor holds the person (membership). {@code allowed.consent_id} and {@code allowed.consent_version} name the
 * consent for the access log. Nothing is filtered after the query; a withdrawal counts from the next query.
 */
public final class AccessJoin {

    /** The consent join: a current, active permit for the accessor tenant covering the row's category and time. */
    public static final String CONSENT = """
            join lateral (select c.id as consent_id, c.version as consent_version from phr_consent c
                           where c.recipient_tenant_id = :accessor and c.person_id = o.person_id
                             and c.data_category = o.data_category and c.superseded_at is null
                             and c.status = 'active' and c.decision = 'permit'
                             and o.effective_start >= c.period_start
                             and (c.period_end is null or o.effective_start < (c.period_end + 1))
                           order by c.recorded_at limit 1) allowed on true
            join phr_membership m on m.tenant_id = :accessor and m.person_id = o.person_id
            """;

    private AccessJoin() {}
}
