package jp.hip.identity;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface ApiClientAccountRepository extends JpaRepository<ApiClientAccount, String> {

    List<ApiClientAccount> findAllByOrderByCreatedAtDesc();
}
