package jp.hip.accounting.resources;

import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

/** Spring Data repository of {@link OwnHealthIssue}; Hibernate's @TenantId scopes every query to the current tenant. */
interface OwnHealthIssueRepository extends JpaRepository<OwnHealthIssue, UUID> {
    List<OwnHealthIssue> findAllByOrderByName();
}
