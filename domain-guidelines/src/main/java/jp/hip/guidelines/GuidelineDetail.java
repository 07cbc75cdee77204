package jp.hip.guidelines;

import java.util.List;
import java.util.UUID;

public record GuidelineDetail(UUID id, String registrationNo, String title, GuidelineKind kind,
        ServiceCategory serviceCategory, String targetBusinesses, String publicUrl, List<GuidelineVersionView> versions,
        List<DeclarationView> declarations) {}
