package jp.hip.guidelines.declarations;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

public interface DeclarationsRepository extends JpaRepository<Declaration, UUID> {
    List<Declaration> findByGuidelineIdOrderByGenerationDesc(UUID guidelineId);

    List<Declaration> findByStatusInOrderByStatusChangedAtAsc(Collection<DeclarationStatus> statuses);

    List<Declaration> findAllByOrderByStatusChangedAtDesc();

    List<Declaration> findByRegistrationNoAndStatusInOrderByGenerationDesc(String registrationNo,
            Collection<DeclarationStatus> statuses);

    boolean existsByGuidelineIdAndStatusIn(UUID guidelineId, Collection<DeclarationStatus> statuses);

    int countByGuidelineId(UUID guidelineId);
}
