package jp.hip.guidelines.declarations;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

public interface TransitionsRepository extends JpaRepository<StatusTransition, Long> {
    List<StatusTransition> findByDeclarationIdOrderByIdAsc(UUID declarationId);
}
