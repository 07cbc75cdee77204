package jp.hip.accounting.ledger;

import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

/** Spring Data repository of {@link Measure}; Hibernate's @TenantId scopes every query to the current tenant. */
public interface MeasureRepository extends JpaRepository<Measure, UUID> {
    List<Measure> findByFiscalYearOrderByName(int fiscalYear);
    List<Measure> findByFiscalYearBetween(int from, int to);

    /** The 年度 in the range that have at least one measure. */
    @org.springframework.data.jpa.repository.Query("select distinct m.fiscalYear from Measure m where m.fiscalYear between :from and :to")
    List<Integer> yearsWithMeasures(@org.springframework.data.repository.query.Param("from") int from,
            @org.springframework.data.repository.query.Param("to") int to);
}
