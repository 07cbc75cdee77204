package jp.hip.guidelines.comments;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

public interface CommentsRepository extends JpaRepository<ReviewComment, UUID> {
    List<ReviewComment> findByDeclarationIdOrderByCreatedAtAsc(UUID declarationId);
}
