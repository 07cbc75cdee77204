package jp.hip.guidelines.guideline;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

public interface VersionsRepository extends JpaRepository<GuidelineVersion, UUID> {
    List<GuidelineVersion> findByGuidelineIdOrderByDatedOnDescCreatedAtDesc(UUID guidelineId);
}
