package jp.hip.guidelines.rules;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

public interface RuleDocumentsRepository extends JpaRepository<RuleDocument, String> {
    List<RuleDocument> findAllByOrderByEditionDesc();
}
