package jp.hip.accounting.facilities;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;

/** Spring Data repository of {@link Facility}; Hibernate's @TenantId scopes every query to the current tenant. */
public interface FacilityRepository extends JpaRepository<Facility, UUID> {
    List<Facility> findAllByOrderByName();

    /** The facility, locked until the transaction ends: apportionment checks and writes one facility-year at a time. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    Optional<Facility> findLockedById(UUID id);
}
