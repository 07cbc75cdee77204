package jp.hip.identity;

import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

interface TenantRepository extends JpaRepository<Tenant, UUID> {

    List<Tenant> findAllByOrderByKindAscNameAsc();

    boolean existsByNameIgnoreCase(String name);
}
