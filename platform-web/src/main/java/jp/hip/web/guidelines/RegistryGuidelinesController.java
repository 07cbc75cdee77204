package jp.hip.web.guidelines;

import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jp.hip.guidelines.declarations.DeclarationStatus;
import jp.hip.guidelines.GuidelineException;
import jp.hip.guidelines.review.RegistryReview;
import jp.hip.guidelines.declarations.ReviewDetail;
import jp.hip.guidelines.comments.Visibility;
import jp.hip.web.PageNotFoundException;

/**
 * METI's pages (REGISTRY_OFFICER): the work queue, the formal check (list, return with comment, not accept),
 * delisting and suspension, comments, the audit trail of an entry, and the checklist per edition of 本指針.
 * The facade reads across associations only after checking the caller's role.
 */
@Controller
@RequestMapping("/registry/guidelines")
class RegistryGuidelinesController {

    private final RegistryReview review;

    RegistryGuidelinesController(RegistryReview review) {
        this.review = review;
    }

    @GetMapping
    String queue(@RequestParam(required = false) String status, Model model) {
        DeclarationStatus chosen = GuidelineForms.enumOrNull(DeclarationStatus.class, status);
        model.addAttribute("declarations", review.registryDeclarations(chosen));
        model.addAttribute("chosen", chosen);
        // METI never sees drafts: the filter offers the submitted statuses only.
        model.addAttribute("statuses", java.util.Arrays.stream(DeclarationStatus.values())
                .filter(st -> st != DeclarationStatus.DRAFT).toList());
        return "guidelines/registry-queue";
    }

    @GetMapping("/declarations/{id}")
    String declaration(@PathVariable UUID id, Model model) {
        model.addAttribute("decision", DecisionForm.empty());
        model.addAttribute("comment", CommentForm.empty());
        return declarationView(id, model);
    }

    private String declarationView(UUID declarationId, Model model) {
        ReviewDetail detail = review.registryDeclaration(declarationId).orElseThrow(PageNotFoundException::new);
        model.addAttribute("detail", detail);
        model.addAttribute("d", detail.declaration());
        model.addAttribute("trail", review.auditTrail(declarationId));
        model.addAttribute("hasDocument", review.registryDeclarationDocument(declarationId).isPresent());
        model.addAttribute("visibilities", Visibility.values());
        model.addAttribute("evidenceBase", "/registry/guidelines/declarations/" + declarationId + "/evidence");
        return "guidelines/registry-declaration";
    }

    @GetMapping("/declarations/{id}/document")
    org.springframework.http.ResponseEntity<byte[]> document(@PathVariable UUID id) {
        return GuidelineForms.download(review.registryDeclarationDocument(id).orElseThrow(PageNotFoundException::new));
    }

    @GetMapping("/declarations/{id}/evidence/{itemId}")
    org.springframework.http.ResponseEntity<byte[]> evidence(@PathVariable UUID id, @PathVariable UUID itemId) {
        return GuidelineForms.download(review.registryEvidence(id, itemId)
                .orElseThrow(PageNotFoundException::new));
    }

    /**
     * METI's decision (掲載, 差戻し, 不受理, 掲載取消, 一時停止, 解除) on the version of the declaration it looked at; the
     * reason is required for all but 掲載 and 解除 (the declaration's rule), at most 1,000 characters (the column).
     */
    public record DecisionForm(
            @PositiveOrZero(message = "{validation.outOfRange}") long version,
            @NotNull(message = "{guidelines.reg.action.required}") RegistryReview.RegistryAction action,
            @Size(max = 1000, message = "{guidelines.transition.reasonTooLong}") String reason) {

        static DecisionForm empty() {
            return new DecisionForm(0, null, "");
        }
    }

    /** A comment of METI: to the association (e-mailed) or internal to METI; at most 4,000 characters (the column). */
    public record CommentForm(
            @NotBlank(message = "{guidelines.comment.body.required}") @Size(max = 4000, message = "{guidelines.comment.body.required}") String body,
            @NotNull(message = "{guidelines.comment.visibility.invalid}") Visibility visibility) {

        static CommentForm empty() {
            return new CommentForm("", Visibility.INTERNAL);
        }
    }

    @PostMapping("/declarations/{id}/decide")
    String decide(@PathVariable UUID id, @Valid @ModelAttribute("decision") DecisionForm form, BindingResult errors, Model model,
            RedirectAttributes redirect) {
        if (!errors.hasErrors()) {
            try {
                review.decide(id, form.version(), form.action(), form.reason());
                redirect.addFlashAttribute("done", "guidelines.reg.done." + form.action());
                if (form.action() == RegistryReview.RegistryAction.RETURN) {
                    return "redirect:/registry/guidelines"; // a returned declaration is the association's draft again
                }
                return "redirect:/registry/guidelines/declarations/" + id;
            } catch (GuidelineException e) {
                GuidelineForms.reject(errors, e, "guidelines.transition.reason", "reason");
            }
        }
        model.addAttribute("comment", CommentForm.empty());
        return declarationView(id, model);
    }

    @PostMapping("/declarations/{id}/comments")
    String comment(@PathVariable UUID id, @Valid @ModelAttribute("comment") CommentForm form, BindingResult errors, Model model,
            RedirectAttributes redirect) {
        if (!errors.hasErrors()) {
            try {
                review.commentAsRegistry(id, form.body(), form.visibility());
                redirect.addFlashAttribute("done", "guidelines.declaration.commented");
                return "redirect:/registry/guidelines/declarations/" + id;
            } catch (GuidelineException e) {
                GuidelineForms.reject(errors, e, "guidelines.comment.body", "body", "guidelines.comment.visibility", "visibility");
            }
        }
        model.addAttribute("decision", DecisionForm.empty());
        return declarationView(id, model);
    }

    @GetMapping("/checklist")
    String checklist(@RequestParam(defaultValue = "2025") String edition, Model model) {
        return checklistView(edition, model);
    }

    private String checklistView(String edition, Model model) {
        model.addAttribute("editions", review.ruleDocuments());
        model.addAttribute("edition", edition);
        model.addAttribute("items", review.checklist(edition));
        return "guidelines/registry-checklist";
    }

    /**
     * METI's new wording of one checklist item (a row of the checklist page): the version the page was read at, the
     * wording (V10's 500 characters), whether evidence is required (absent as an unticked box: no) and the edition to come back to. Errors are
     * answered in the item's row, all at once, with the wording as typed; nothing is changed.
     */
    public record ChecklistForm(
            @NotNull(message = "{guidelines.reg.checklist.version.required}") @PositiveOrZero(message = "{validation.outOfRange}") Long version,
            @NotBlank(message = "{guidelines.checklist.text.required}") @Size(max = 500, message = "{validation.tooLong}") String text,
            Boolean requiresEvidence,
            @Size(max = 8, message = "{validation.tooLong}") String edition) {

        String editionOrDefault() {
            return edition == null || edition.isBlank() || edition.length() > 8 ? "2025" : edition;
        }
    }

    @PostMapping("/checklist/{itemId}")
    String reword(@PathVariable UUID itemId, @Valid @ModelAttribute("reword") ChecklistForm form, BindingResult errors,
            @RequestParam(name = "edition", defaultValue = "2025") String edition, Model model, RedirectAttributes redirect) {
        if (!errors.hasErrors()) {
            try {
                review.rewordChecklistItem(itemId, form.version(), form.text(), Boolean.TRUE.equals(form.requiresEvidence()));
                redirect.addFlashAttribute("done", "guidelines.reg.checklist.saved");
                return "redirect:/registry/guidelines/checklist?edition="
                        + java.net.URLEncoder.encode(form.editionOrDefault(), java.nio.charset.StandardCharsets.UTF_8);
            } catch (GuidelineException e) {
                GuidelineForms.reject(errors, e, "guidelines.checklist.text", "text");
            }
        }
        model.addAttribute("rewordItem", itemId);
        // the edition as sent (the record may not exist when the version could not be read)
        return checklistView(edition.length() > 8 ? "2025" : edition, model);
    }
}
