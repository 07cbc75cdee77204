package jp.hip.guidelines.declarations;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

public interface EvidenceDocumentsRepository extends JpaRepository<EvidenceDocument, UUID> {
    @org.springframework.data.jpa.repository.Query("select new jp.hip.guidelines.declarations.EvidenceView(e.itemId, e.fileName, "
            + "e.contentType, e.sizeBytes) from EvidenceDocument e where e.declarationId = ?1")
    List<EvidenceView> viewsOf(UUID declarationId);

    List<EvidenceDocument> findAllByDeclarationId(UUID declarationId);

    Optional<EvidenceDocument> findByDeclarationIdAndItemId(UUID declarationId, UUID itemId);
}
