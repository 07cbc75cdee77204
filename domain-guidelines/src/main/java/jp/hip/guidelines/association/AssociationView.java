package jp.hip.guidelines.association;

import java.util.UUID;

public record AssociationView(UUID id, String corporateNumber, String name, AssociationKind kind,
        String representativeName, String websiteUrl, String contactEmail, long version) {}
