package jp.hip.guidelines;

import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

interface VersionDocumentsRepository extends JpaRepository<VersionDocument, UUID> {}
