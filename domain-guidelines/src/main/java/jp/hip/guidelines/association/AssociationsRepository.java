package jp.hip.guidelines.association;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

public interface AssociationsRepository extends JpaRepository<Association, UUID> {
    Optional<Association> findFirstBy();
}
