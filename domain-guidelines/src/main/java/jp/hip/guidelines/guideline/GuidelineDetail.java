package jp.hip.guidelines.guideline;

import java.util.List;
import java.util.UUID;

import jp.hip.guidelines.declarations.DeclarationView;

public record GuidelineDetail(UUID id, String registrationNo, String title, GuidelineKind kind,
        ServiceCategory serviceCategory, String targetBusinesses, String publicUrl, List<GuidelineVersionView> versions,
        List<DeclarationView> declarations) {}
