package jp.hip.web.guidelines;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

import jp.hip.guidelines.rules.ChecklistItemView;
import jp.hip.guidelines.declarations.DraftProblems;

/**
 * The declaration form's errors as the page shows them (issue 15: every error at once, beside its field, and a
 * summary at the top that names the field or the checklist item): the form's own fields by name, a checklist
 * item's answer, evidence URL, evidence file and reason as {@code answer[<item id>]} and so on. The summary lists the
 * form's fields first, then the items in the checklist's order, each linking to where the error is shown.
 */
public final class DeclarationErrors {

    /** One line of the summary: where it links to and what it says. */
    public record Line(String anchor, String text) {}

    private static final List<String> ITEM_PARTS = List.of("answer", "evidence", "evidenceFile", "reason");

    private final List<Line> summary = new ArrayList<>();
    private final Map<String, String> byField = new HashMap<>();
    private final java.util.Set<String> items = new java.util.HashSet<>();

    DeclarationErrors(BindingResult errors, List<ChecklistItemView> checklist, MessageSource messages, Locale locale) {
        if (errors == null) {
            return;
        }
        for (ObjectError error : errors.getGlobalErrors()) {
            summary.add(new Line(null, messages.getMessage(error, locale)));
        }
        for (FieldError error : errors.getFieldErrors()) {
            if (error.getField().indexOf('[') < 0) {
                String text = messages.getMessage(error, locale);
                byField.putIfAbsent(error.getField(), text);
                String label = messages.getMessage("form.field." + error.getField(), null, null, locale);
                summary.add(new Line(error.getField(),
                        label == null ? text : messages.getMessage("form.errorSummary.field", new Object[] {label, text}, locale)));
            }
        }
        for (ChecklistItemView item : checklist) {
            for (String part : ITEM_PARTS) {
                String field = part + "[" + item.id() + "]";
                FieldError error = errors.getFieldError(field);
                if (error != null) {
                    String text = messages.getMessage(error, locale);
                    byField.put(field, text);
                    items.add(item.id().toString());
                    // the rules' messages name the item already (「項目 T3 は…」); the others get its code in front
                    String named = text.contains(item.code()) ? text
                            : messages.getMessage("form.errorSummary.field", new Object[] {item.code(), text}, locale);
                    summary.add(new Line("item-" + item.code(), named));
                }
            }
        }
        for (FieldError error : errors.getFieldErrors()) { // an item of no checklist (only a hand-made request)
            if (error.getField().indexOf('[') >= 0 && !byField.containsKey(error.getField())) {
                byField.put(error.getField(), messages.getMessage(error, locale));
                summary.add(new Line(null, byField.get(error.getField())));
            }
        }
    }

    /** The form field a declaration problem belongs to. */
    static String field(DraftProblems.Problem problem) {
        return switch (problem.part()) {
            case FORM_TYPE -> "formType";
            case SIGNATORY_NAME -> "signatoryName";
            case SIGNATORY_TITLE -> "signatoryTitle";
            case PLEDGE -> "pledged";
            case ANSWER -> "answer[" + problem.itemId() + "]";
            case EVIDENCE_URL -> "evidence[" + problem.itemId() + "]";
            case EVIDENCE_FILE -> "evidenceFile[" + problem.itemId() + "]";
            case REASON -> "reason[" + problem.itemId() + "]";
        };
    }

    public List<Line> summary() {
        return summary;
    }

    public boolean any() {
        return !summary.isEmpty();
    }

    /** The message beside a field ({@code signatoryName}, {@code evidence[<item id>]}), or null. */
    public String of(String field) {
        return byField.get(field);
    }

    /** Whether a checklist item (by its id) has an error. */
    public boolean item(Object itemId) {
        return items.contains(String.valueOf(itemId));
    }
}
