package jp.hip.accounting;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;

/** Spring Data repositories of the module; Hibernate's @TenantId scopes every query to the current tenant. */
final class Repositories {
    private Repositories() {}
}

interface MeasureRepository extends JpaRepository<Measure, UUID> {
    List<Measure> findByFiscalYearOrderByName(int fiscalYear);
    List<Measure> findByFiscalYearBetween(int from, int to);

    /** The 年度 in the range that have at least one measure. */
    @org.springframework.data.jpa.repository.Query("select distinct m.fiscalYear from Measure m where m.fiscalYear between :from and :to")
    List<Integer> yearsWithMeasures(@org.springframework.data.repository.query.Param("from") int from,
            @org.springframework.data.repository.query.Param("to") int to);
}

interface InvestmentLineRepository extends JpaRepository<InvestmentLine, UUID> {
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
}

interface IndicatorRepository extends JpaRepository<Indicator, UUID> {
}

interface IndicatorValueRepository extends JpaRepository<IndicatorValue, UUID> {
    List<IndicatorValue> findByIndicatorIdOrderByFiscalYear(UUID indicatorId);
    Optional<IndicatorValue> findByIndicatorIdAndFiscalYear(UUID indicatorId, int fiscalYear);
    List<IndicatorValue> findByIndicatorIdIn(Collection<UUID> indicatorIds);
}

interface FacilityRepository extends JpaRepository<Facility, UUID> {
    List<Facility> findAllByOrderByName();

    /** The facility, locked until the transaction ends: apportionment checks and writes one facility-year at a time. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    Optional<Facility> findLockedById(UUID id);
}

interface HealthResourceRepository extends JpaRepository<HealthResource, UUID> {
    List<HealthResource> findAllByOrderByAsOfDescNameAsc();
}

interface PolicyRepository extends JpaRepository<Policy, UUID> {
    Optional<Policy> findFirstBy();
}

interface OwnHealthIssueRepository extends JpaRepository<OwnHealthIssue, UUID> {
    List<OwnHealthIssue> findAllByOrderByName();
}

interface StrategyMapRepository extends JpaRepository<StrategyMap, UUID> {
    Optional<StrategyMap> findFirstByFiscalYearOrderByVersionDesc(int fiscalYear);
    Optional<StrategyMap> findByFiscalYearAndVersion(int fiscalYear, int version);
    List<StrategyMap> findByFiscalYearOrderByVersionDesc(int fiscalYear);
}

interface YearPolicyRepository extends JpaRepository<YearPolicy, UUID> {
    Optional<YearPolicy> findByFiscalYear(int fiscalYear);
    Optional<YearPolicy> findFirstByFiscalYearLessThanEqualOrderByFiscalYearDesc(int fiscalYear);
}

interface YearCloseRepository extends JpaRepository<YearClose, UUID> {
    Optional<YearClose> findByFiscalYear(int fiscalYear);
    boolean existsByFiscalYear(int fiscalYear);
    List<YearClose> findByFiscalYearIn(Collection<Integer> years);
}
