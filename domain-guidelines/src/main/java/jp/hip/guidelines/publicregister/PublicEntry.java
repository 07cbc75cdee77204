package jp.hip.guidelines.publicregister;

import java.time.Instant;
import java.time.LocalDate;

import jp.hip.guidelines.declarations.DeclarationStatus;
import jp.hip.guidelines.guideline.GuidelineKind;
import jp.hip.guidelines.guideline.ServiceCategory;

/** One row of the public list: only declarations in a public status ({@link DeclarationStatus#PUBLIC}). */
public record PublicEntry(String registrationNo, int generation, String associationName, String title,
        GuidelineKind kind, ServiceCategory serviceCategory, String versionLabel, LocalDate versionDatedOn,
        String publicUrl, LocalDate declaredOn, LocalDate listedOn, LocalDate validFrom, LocalDate validUntil,
        DeclarationStatus status, boolean logoValid, Instant statusChangedAt) {}
