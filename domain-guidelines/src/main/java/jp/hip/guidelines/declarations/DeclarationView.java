package jp.hip.guidelines.declarations;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jp.hip.guidelines.guideline.GuidelineKind;
import jp.hip.guidelines.guideline.ServiceCategory;

/** A declaration as its association and METI see it. {@code effectiveStatus} includes computed expiry. */
public record DeclarationView(UUID id, UUID guidelineId, UUID guidelineVersionId, String registrationNo, int generation,
        String associationName, String title, GuidelineKind kind, ServiceCategory serviceCategory, String versionLabel,
        LocalDate versionDatedOn, String publicUrl, FormType formType, String edition, String signatoryName,
        String signatoryTitle, boolean pledged, DeclarationStatus status, DeclarationStatus effectiveStatus,
        String statusReason, Instant statusChangedAt, LocalDate declaredOn, Instant submittedAt, LocalDate listedOn,
        LocalDate validFrom, LocalDate validUntil, boolean logoValid, long version, List<ChecklistAnswer> answers) {

    public ChecklistAnswer answerFor(UUID itemId) {
        return answers.stream().filter(a -> a.itemId().equals(itemId)).findFirst().orElse(null);
    }
}
