package jp.hip.guidelines.guideline;

import java.util.UUID;

import jp.hip.guidelines.declarations.DeclarationView;

/** A guideline of the signed-in association, with its latest declaration (if any). */
public record GuidelineSummary(UUID id, String registrationNo, String title, GuidelineKind kind,
        ServiceCategory serviceCategory, DeclarationView latestDeclaration) {}
