package jp.hip.accounting.resources;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import jp.hip.accounting.AccountingException;
import jp.hip.accounting.HealthAccounting.HealthIssue;
import jp.hip.identity.AuditLog;
import jp.hip.identity.CurrentTenant;

/**
 * 健康課題: the nine 健康経営度調査 categories (public reference data) and the company's own, which HR staff add,
 * rename and delete (audited). An own issue that measures name cannot be deleted: the message says how many.
 */
@Service
public class HealthIssues {

    /** What deleting an own issue would touch: the measures that name it (any 年度) block the delete. */
    public record IssueDeletion(UUID issueId, String name, int measures) {}

    private final OwnHealthIssueRepository ownIssues;
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final TransactionTemplate tx;

    HealthIssues(OwnHealthIssueRepository ownIssues, JdbcClient jdbc, AuditLog audit, TransactionTemplate tx) {
        this.ownIssues = ownIssues;
        this.jdbc = jdbc;
        this.audit = audit;
        this.tx = tx;
    }

    /** The nine 健康経営度調査 categories (keys "1"–"9") and the company's own (key = id). */
    public List<HealthIssue> healthIssues(boolean japanese) {
        List<HealthIssue> all = new ArrayList<>(jdbc.sql("select code, name_ja, name_en from acc_standard_health_issue order by code")
                .query((rs, n) -> new HealthIssue(Integer.toString(rs.getInt(1)), rs.getString(japanese ? 2 : 3), true)).list());
        tx.executeWithoutResult(s -> ownIssues.findAllByOrderByName()
                .forEach(i -> all.add(new HealthIssue(i.id().toString(), i.name(), false))));
        return all;
    }

    /** Whether every one of these ids is one of the company's own issues. */
    public boolean allOwn(Set<UUID> ids) {
        return ownIssues.findAllById(ids).size() == ids.size();
    }

    public Optional<HealthIssue> ownIssue(UUID id) {
        return tx.execute(s -> ownIssues.findById(id).map(i -> new HealthIssue(i.id().toString(), i.name(), false)));
    }

    /**
     * Adds a health issue of the company's own. Refused (nothing written) when the name is blank, longer than 200
     * characters, or the same as a standard issue or one of the company's own.
     */
    public UUID addOwnHealthIssue(String name) {
        return unique(() -> tx.execute(s -> {
            OwnHealthIssue.requireNew(name, standardNames(), ownIssues.findAll().stream().map(OwnHealthIssue::name).toList());
            OwnHealthIssue issue = ownIssues.saveAndFlush(new OwnHealthIssue(name));
            audit.record("ACC_ISSUE_ADDED", "HealthIssue", issue.id(), Map.of("name", issue.name()));
            return issue.id();
        }));
    }

    /** Renames an own issue under the same rules as adding one (its own current name aside). */
    public void renameOwnHealthIssue(UUID id, String name) {
        unique(() -> tx.execute(s -> {
            OwnHealthIssue issue = ownIssues.findById(id).orElseThrow(() -> new AccountingException("accounting.notFound"));
            String before = issue.name();
            OwnHealthIssue.requireNew(name, standardNames(), ownIssues.findAll().stream()
                    .filter(o -> !o.id().equals(id)).map(OwnHealthIssue::name).toList());
            issue.rename(name);
            ownIssues.saveAndFlush(issue);
            audit.record("ACC_ISSUE_RENAMED", "HealthIssue", id, Map.of("before", before, "name", issue.name()));
            return id;
        }));
    }

    public Optional<IssueDeletion> deletion(UUID id) {
        UUID tenant = CurrentTenant.tenantId().orElseThrow(() -> new AccountingException("accounting.notFound"));
        return tx.execute(s -> ownIssues.findById(id).map(i -> new IssueDeletion(id, i.name(),
                jdbc.sql("select count(*) from acc_measure where tenant_id = ? and ? = any(own_issues)").params(tenant, id)
                        .query(Integer.class).single())));
    }

    /** Deletes an own issue no measure names; refused while one does (in an open or a closed 年度). */
    public void deleteOwnHealthIssue(UUID id) {
        tx.executeWithoutResult(s -> {
            IssueDeletion deletion = deletion(id).orElseThrow(() -> new AccountingException("accounting.notFound"));
            if (deletion.measures() > 0) {
                throw new AccountingException("accounting.issue.inUse");
            }
            ownIssues.deleteById(id);
            audit.record("ACC_ISSUE_DELETED", "HealthIssue", id, Map.of("name", deletion.name()));
        });
    }

    private List<String> standardNames() {
        return jdbc.sql("select name_ja, name_en from acc_standard_health_issue")
                .query((rs, n) -> List.of(rs.getString(1), rs.getString(2))).list().stream().flatMap(List::stream).toList();
    }

    private static <T> T unique(java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (org.springframework.dao.DataIntegrityViolationException e) {
            // Someone took the same name between our check and our write: the unique index decided.
            throw new AccountingException("accounting.issue.name.duplicate");
        }
    }
}
