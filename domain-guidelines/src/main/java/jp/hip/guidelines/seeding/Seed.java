package jp.hip.guidelines.seeding;

import java.time.LocalDate;
import java.util.UUID;

import jp.hip.guidelines.association.AssociationKind;
import jp.hip.guidelines.declarations.DeclarationStatus;
import jp.hip.guidelines.guideline.GuidelineKind;
import jp.hip.guidelines.guideline.ServiceCategory;

/**
 * A historical entry for demo data and benchmarks: a guideline (new, or {@code guidelineId} for a revision), a
 * version, and a declaration driven through the real lifecycle on the given dates up to {@code target}.
 * {@code listedOn} is used for LISTED and every status after it; {@code reason} for those that need one.
 */
public record Seed(UUID tenantId, String associationName, String corporateNumber, AssociationKind associationKind,
        UUID guidelineId, GuidelineKind kind, ServiceCategory category, String title, String targetBusinesses,
        String publicUrl, String versionLabel, LocalDate versionDatedOn, LocalDate declaredOn, LocalDate listedOn,
        LocalDate endedOn, DeclarationStatus target, String reason) {}
