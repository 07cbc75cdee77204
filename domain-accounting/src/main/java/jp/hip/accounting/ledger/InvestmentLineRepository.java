package jp.hip.accounting.ledger;

import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

/** Spring Data repository of {@link InvestmentLine}; Hibernate's @TenantId scopes every query to the current tenant. */
public interface InvestmentLineRepository extends JpaRepository<InvestmentLine, UUID> {
    List<InvestmentLine> findByMeasureIdOrderByCreatedAt(UUID measureId);
    List<InvestmentLine> findByFiscalYear(int fiscalYear);
    List<InvestmentLine> findByFiscalYearBetween(int from, int to);
    List<InvestmentLine> findByFacilityId(UUID facilityId);

    org.springframework.data.domain.Page<InvestmentLine> findByMeasureId(UUID measureId, org.springframework.data.domain.Pageable page);

    /** Per expense type: the sum of amounts and the number of lines of one measure (the tenant filter applies). */
    @org.springframework.data.jpa.repository.Query("select l.expenseType, sum(l.amount), count(l) from InvestmentLine l "
            + "where l.measureId = :measureId group by l.expenseType")
    List<Object[]> sumsByExpenseType(@org.springframework.data.repository.query.Param("measureId") UUID measureId);
    List<InvestmentLine> findByFacilityIdAndFiscalYear(UUID facilityId, int fiscalYear);

    /** Per expense type: the sum of amounts of one 年度 (the tenant filter applies); no row for a type without lines. */
    @org.springframework.data.jpa.repository.Query("select l.expenseType, sum(l.amount) from InvestmentLine l "
            + "where l.fiscalYear = :year group by l.expenseType")
    List<Object[]> sumsByExpenseTypeIn(@org.springframework.data.repository.query.Param("year") int year);

    /** Per 年度 in the range: the sum of amounts (the tenant filter applies). */
    @org.springframework.data.jpa.repository.Query("select l.fiscalYear, sum(l.amount) from InvestmentLine l "
            + "where l.fiscalYear between :from and :to group by l.fiscalYear")
    List<Object[]> totalsByYear(@org.springframework.data.repository.query.Param("from") int from,
            @org.springframework.data.repository.query.Param("to") int to);
    List<InvestmentLine> findByFacilityIdIsNotNull();

    /** The 年度 with a line allocated to the indicator (the tenant filter applies). */
    @org.springframework.data.jpa.repository.Query("select distinct l.fiscalYear from InvestmentLine l join l.allocations a "
            + "where a.indicatorId = :indicatorId")
    List<Integer> yearsAllocatedTo(@org.springframework.data.repository.query.Param("indicatorId") UUID indicatorId);
}
