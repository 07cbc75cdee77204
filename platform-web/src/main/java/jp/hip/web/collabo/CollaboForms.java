package jp.hip.web.collabo;

import java.time.LocalDate;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.validation.BindingResult;

import jp.hip.collabo.CollaboException;
import jp.hip.collabo.GuidanceRecords;
import jp.hip.collabo.ReportContent.Settings;

/**
 * The form records of the コラボヘルス pages (ADR 0097): each checks every field at once and names it; the rules of
 * links, reports and 特定保健指導 stay in domain-collabo, whose refusals are put beside the field they are about.
 */
final class CollaboForms {

    private CollaboForms() {}

    /** A partner's 連携ID, as its コラボヘルス page shows it (a UUID). */
    static final String ID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    /** Proposing a link to the partner with this 連携ID. */
    public record ProposeForm(
            @NotBlank(message = "{validation.required}") @Size(max = 40, message = "{validation.tooLong}")
            @Pattern(regexp = "(" + ID + ")?", message = "{collabo.partnerId.format}") String partnerId) {

        static ProposeForm empty() {
            return new ProposeForm("");
        }
    }

    /** Building the report of one 事業主 group ({@code <link id>|<group>}, from the list) for a 年度. */
    public record BuildForm(
            @NotBlank(message = "{collabo.build.employerGroup.required}") @Size(max = 200, message = "{validation.tooLong}")
            @Pattern(regexp = "(" + ID + "\\|.+)?", message = "{collabo.build.employerGroup.invalid}") String employerGroup,
            @NotNull(message = "{validation.required}") @Min(value = 2008, message = "{collabo.report.year}")
            @Max(value = 2100, message = "{collabo.report.year}") Integer year) {

        static BuildForm of(int year) {
            return new BuildForm("", year);
        }
    }

    /** One member's 特定保健指導 for a 年度, entered on the page (then checked as a CSV row is). */
    public record GuidanceForm(
            @NotNull(message = "{validation.required}") @Min(value = 2008, message = "{validation.outOfRange}")
            @Max(value = 2100, message = "{validation.outOfRange}") Integer fiscalYear,
            @Size(max = 40, message = "{validation.tooLong}") String symbol,
            @NotBlank(message = "{validation.required}") @Size(max = 40, message = "{validation.tooLong}") String number,
            @NotNull(message = "{collabo.guidance.level.required}") GuidanceRecords.Level level,
            LocalDate startedOn,
            LocalDate completedOn) {

        static GuidanceForm of(int year) {
            return new GuidanceForm(year, "", "", null, null, null);
        }

        List<String> fields() {
            return List.of(String.valueOf(fiscalYear), symbol == null ? "" : symbol.strip(), number.strip(), level.name(),
                    startedOn == null ? "" : startedOn.toString(), completedOn == null ? "" : completedOn.toString());
        }

        /** The field of a problem the domain found, by its CSV column (in {@link GuidanceRecords#HEADER} order). */
        static String field(String column) {
            int i = GuidanceRecords.HEADER.indexOf(column);
            return i < 0 ? null : List.of("fiscalYear", "symbol", "number", "level", "startedOn", "completedOn").get(i);
        }
    }

    /** The settings of the unconfirmed rules: limits as {@code EmployerReports.changeSettings} keeps them. */
    public record SettingsForm(
            Boolean medicationIsRisk,
            @NotNull(message = "{validation.required}") @Min(value = 50, message = "{collabo.settings.minReport.range}")
            @Max(value = 100_000, message = "{collabo.settings.minReport.range}") Integer minReportPersons,
            @NotNull(message = "{validation.required}") @Min(value = 10, message = "{collabo.settings.minCell.range}")
            @Max(value = 1_000, message = "{collabo.settings.minCell.range}") Integer minCellPersons) {

        static SettingsForm of(Settings s) {
            return new SettingsForm(s.medicationIsRisk(), s.minReportPersons(), s.minCellPersons());
        }

        Settings settings() {
            return new Settings(Boolean.TRUE.equals(medicationIsRisk), minReportPersons, minCellPersons);
        }
    }

    /** Sharing the company's 健康投資 of a 年度 with the insurer of one link. */
    public record InvestmentForm(
            @NotNull(message = "{validation.required}") @Min(value = 2008, message = "{collabo.report.year}")
            @Max(value = 2100, message = "{collabo.report.year}") Integer year) {}

    /** A comment on a shared report: the whole report (no section) or one of its sections. */
    public record CommentForm(
            @NotNull(message = "{collabo.comment.link.required}") java.util.UUID linkId,
            @Size(max = 40, message = "{validation.tooLong}") String section,
            @NotBlank(message = "{collabo.comment.required}") @Size(max = 2000, message = "{collabo.comment.tooLong}") String body) {

        static CommentForm of(java.util.UUID linkId) {
            return new CommentForm(linkId, "", "");
        }
    }

    /** A domain refusal beside its field, or at the top of the form. */
    static void reject(BindingResult errors, CollaboException e, String field) {
        if (field == null) {
            errors.reject(e.messageKey(), e.args(), e.messageKey());
        } else {
            errors.rejectValue(field, e.messageKey(), e.args(), e.messageKey());
        }
    }
}
