package jp.hip.guidelines.guideline;

import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

public interface VersionDocumentsRepository extends JpaRepository<VersionDocument, UUID> {}
