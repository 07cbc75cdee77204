package jp.hip.accounting.resources;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import jp.hip.accounting.AccountingException;
import jp.hip.accounting.FiscalYear;
import jp.hip.accounting.years.AccountingYears;
import jp.hip.identity.AuditLog;

/**
 * 健康資源 (guideline 第6章: stock values at a date): list, add, change and delete, audited. A resource dated in a
 * closed 年度 cannot be changed or deleted, nor moved into or out of one (ADR 0028). Current tenant only.
 */
@Service
public class HealthResources {

    public record ResourceCommand(String name, ResourceKind kind, BigDecimal value, String unit, LocalDate asOf, String note) {}

    public record HealthResourceView(UUID id, String name, ResourceKind kind, BigDecimal value, String unit, LocalDate asOf,
            String note) {}

    private final HealthResourceRepository resources;
    private final AccountingYears years;
    private final AuditLog audit;
    private final TransactionTemplate tx;

    HealthResources(HealthResourceRepository resources, AccountingYears years, AuditLog audit, TransactionTemplate tx) {
        this.resources = resources;
        this.years = years;
        this.audit = audit;
        this.tx = tx;
    }

    /** Newest date first. */
    public List<HealthResourceView> resources() {
        return tx.execute(s -> resources.findAllByOrderByAsOfDescNameAsc().stream().map(HealthResources::view).toList());
    }

    /** Health resources recorded as of a date within or before the 年度's end. */
    public List<HealthResourceView> resourcesAt(FiscalYear year) {
        return resources().stream().filter(r -> !r.asOf().isAfter(year.lastDay())).toList();
    }

    public Optional<HealthResourceView> resource(UUID id) {
        return tx.execute(s -> resources.findById(id).map(HealthResources::view));
    }

    public UUID addResource(ResourceCommand command) {
        return tx.execute(s -> {
            HealthResource resource = new HealthResource(command.name(), command.kind(), command.value(), command.unit(),
                    command.asOf(), command.note());
            years.requireOpen(FiscalYear.containing(resource.asOf()));
            resources.save(resource);
            audit.record("ACC_RESOURCE_ADDED", "HealthResource", resource.id(), Map.of("name", resource.name()));
            return resource.id();
        });
    }

    public void changeResource(UUID id, ResourceCommand command) {
        tx.executeWithoutResult(s -> {
            HealthResource resource = resources.findById(id).orElseThrow(() -> new AccountingException("accounting.notFound"));
            LocalDate before = resource.asOf();
            resource.change(command.name(), command.kind(), command.value(), command.unit(), command.asOf(), command.note());
            years.requireOpen(new java.util.HashSet<>(java.util.List.of(FiscalYear.containing(before).startYear(),
                    FiscalYear.containing(resource.asOf()).startYear())));
            resources.saveAndFlush(resource);
            audit.record("ACC_RESOURCE_CHANGED", "HealthResource", id, Map.of("name", resource.name(), "asOf", resource.asOf().toString()));
        });
    }

    public void deleteResource(UUID id) {
        tx.executeWithoutResult(s -> {
            HealthResource resource = resources.findById(id).orElseThrow(() -> new AccountingException("accounting.notFound"));
            years.requireOpen(FiscalYear.containing(resource.asOf()));
            resources.delete(resource);
            audit.record("ACC_RESOURCE_DELETED", "HealthResource", id, Map.of("name", resource.name(), "asOf", resource.asOf().toString()));
        });
    }

    private static HealthResourceView view(HealthResource r) {
        return new HealthResourceView(r.id(), r.name(), r.kind(), r.value(), r.unit(), r.asOf(), r.note());
    }
}
