package jp.hip.guidelines.publicregister;

import java.time.LocalDate;

import jp.hip.guidelines.declarations.DeclarationStatus;
import jp.hip.guidelines.guideline.GuidelineKind;
import jp.hip.guidelines.guideline.ServiceCategory;

/**
 * Filters of the public list, all optional: association and title match parts of the name, status is the
 * status as of today (a listing whose window is over counts as 失効).
 */
public record PublicQuery(String association, String title, ServiceCategory serviceCategory, GuidelineKind kind,
        DeclarationStatus status, LocalDate listedFrom, LocalDate listedTo, Sort sort) {

    public enum Sort { REGISTRATION_NO, LISTED_ON_DESC, ASSOCIATION, VALID_UNTIL }

    public static PublicQuery all() {
        return new PublicQuery(null, null, null, null, null, null, null, Sort.REGISTRATION_NO);
    }
}
