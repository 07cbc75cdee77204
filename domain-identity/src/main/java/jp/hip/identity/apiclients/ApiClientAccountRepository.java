package jp.hip.identity.apiclients;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

/** Public for the identity facade ({@code IdentityManagement}) only; not part of the named interface (ADR 0112). */
public interface ApiClientAccountRepository extends JpaRepository<ApiClientAccount, String> {

    List<ApiClientAccount> findAllByOrderByCreatedAtDesc();
}
