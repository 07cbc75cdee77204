package jp.hip.web.guidelines;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jp.hip.guidelines.declarations.Answer;
import jp.hip.guidelines.declarations.AnswerInput;
import jp.hip.guidelines.association.AssociationKind;
import jp.hip.guidelines.association.AssociationView;
import jp.hip.guidelines.declarations.ChecklistAnswer;
import jp.hip.guidelines.declarations.DraftProblems;
import jp.hip.guidelines.declarations.FormType;
import jp.hip.guidelines.guideline.GuidelineDetail;
import jp.hip.guidelines.GuidelineException;
import jp.hip.guidelines.guideline.GuidelineKind;
import jp.hip.guidelines.association.AssociationDesk;
import jp.hip.guidelines.declarations.ReviewDetail;
import jp.hip.guidelines.guideline.ServiceCategory;
import jp.hip.web.PageNotFoundException;

/**
 * The association's declaration form (checklist with evidence URL, document or reason; signatory; pledge), its
 * submission, withdrawal and the thread with METI. Another association's declaration is not found (404).
 */
@Controller
@RequestMapping("/association/guidelines")
class AssociationDeclarationController {

    private final AssociationDesk desk;
    private final org.springframework.context.MessageSource messages;

    AssociationDeclarationController(AssociationDesk desk, org.springframework.context.MessageSource messages) {
        this.desk = desk;
        this.messages = messages;
    }

    // ------------------------------------------------------------ declaration

    /**
     * The declaration form (様式): form type, the signatory, the pledge and, per checklist item (by its id), the answer,
     * an evidence URL and the reason it does not apply; evidence files come as {@code evidenceFile[<item id>]}. Limits
     * are the columns' (V10); whether the answers are complete is the declaration's rule, checked on submit and
     * reported for every item at once ({@link DraftProblems}). An evidence URL typed in full width is folded (NFKC).
     */
    public record DeclarationForm(
            @PositiveOrZero(message = "{validation.outOfRange}") long version,
            @NotNull(message = "{guidelines.declaration.formType.required}") FormType formType,
            @Size(max = 8, message = "{validation.tooLong}") String edition,
            @Size(max = 100, message = "{validation.tooLong}") String signatoryName,
            @Size(max = 100, message = "{validation.tooLong}") String signatoryTitle,
            Boolean pledged,
            Map<String, String> answer,
            Map<String, String> evidence,
            Map<String, String> reason) {

        public DeclarationForm {
            pledged = Boolean.TRUE.equals(pledged); // an unticked box sends nothing
            answer = copy(answer, false);
            evidence = copy(evidence, true);
            reason = copy(reason, false);
        }

        private static Map<String, String> copy(Map<String, String> values, boolean fold) {
            Map<String, String> copy = new HashMap<>();
            if (values != null) {
                values.forEach((k, v) -> copy.put(k, v == null ? "" : fold ? Normalizer.normalize(v, Normalizer.Form.NFKC).strip() : v));
            }
            return java.util.Collections.unmodifiableMap(copy);
        }

        static DeclarationForm of(ReviewDetail detail) {
            var d = detail.declaration();
            Map<String, String> answer = new HashMap<>();
            Map<String, String> evidence = new HashMap<>();
            Map<String, String> reason = new HashMap<>();
            for (ChecklistAnswer a : d.answers()) {
                answer.put(a.itemId().toString(), a.answer() == null ? "" : a.answer().name());
                evidence.put(a.itemId().toString(), a.evidenceUrl() == null ? "" : a.evidenceUrl());
                reason.put(a.itemId().toString(), a.reason() == null ? "" : a.reason());
            }
            return new DeclarationForm(d.version(), d.formType(), d.edition(), d.signatoryName(), d.signatoryTitle(),
                    d.pledged(), answer, evidence, reason);
        }

        /**
         * The values as typed, for showing them again when one of them could not be read at all (a form type or
         * version that is not one): the record could not be built then.
         */
        static DeclarationForm asTyped(Map<String, String[]> parameters) {
            Map<String, Map<String, String>> items = Map.of("answer", new HashMap<>(), "evidence", new HashMap<>(), "reason", new HashMap<>());
            parameters.forEach((name, values) -> {
                int open = name.indexOf('[');
                if (open > 0 && name.endsWith("]") && items.containsKey(name.substring(0, open)) && values.length > 0) {
                    items.get(name.substring(0, open)).put(name.substring(open + 1, name.length() - 1), values[0]);
                }
            });
            String name = first(parameters, "signatoryName");
            return new DeclarationForm(0, GuidelineForms.enumOrNull(FormType.class, first(parameters, "formType")),
                    first(parameters, "edition"), name, first(parameters, "signatoryTitle"),
                    parameters.containsKey("pledged"), items.get("answer"), items.get("evidence"), items.get("reason"));
        }

        private static String first(Map<String, String[]> parameters, String name) {
            String[] values = parameters.get(name);
            return values == null || values.length == 0 ? "" : values[0];
        }

        /** An answer that is none of 該当, 満たしていない, 該当なし (only a hand-made request sends one) is an error of its item. */
        void checkAnswers(BindingResult errors) {
            answer.forEach((key, value) -> {
                if (!value.isBlank() && GuidelineForms.enumOrNull(Answer.class, value) == null) {
                    errors.addError(new FieldError("form", "answer[" + key + "]", value, false,
                            new String[] {"guidelines.declaration.answer.unknown"}, null, null));
                }
            });
        }

        AssociationDesk.DraftInput input(Map<String, MultipartFile> files) throws java.io.IOException {
            Map<UUID, AnswerInput> answers = new HashMap<>();
            java.util.Set<String> keys = new java.util.HashSet<>(answer.keySet());
            keys.addAll(evidence.keySet());
            keys.addAll(reason.keySet());
            for (String key : keys) {
                UUID itemId = jp.hip.web.FormErrors.uuidOrNull(key);
                if (itemId != null) {
                    answers.put(itemId, new AnswerInput(GuidelineForms.enumOrNull(Answer.class, answer.get(key)),
                            evidence.get(key), reason.get(key)));
                }
            }
            Map<UUID, AssociationDesk.Upload> uploads = new HashMap<>();
            for (var file : (files == null ? Map.<String, MultipartFile>of() : files).entrySet()) {
                String name = file.getKey();
                UUID itemId = name.startsWith("evidenceFile[") && name.endsWith("]")
                        ? jp.hip.web.FormErrors.uuidOrNull(name.substring(13, name.length() - 1)) : null;
                if (itemId != null && !file.getValue().isEmpty()) {
                    uploads.put(itemId, new AssociationDesk.Upload(file.getValue().getOriginalFilename(), file.getValue().getBytes()));
                }
            }
            return new AssociationDesk.DraftInput(formType, edition, signatoryName, signatoryTitle, pledged, answers, uploads);
        }
    }

    /** The declaration form is built through its constructor only (its maps are not writable afterwards). */
    @org.springframework.web.bind.annotation.InitBinder("form")
    void constructorOnly(org.springframework.web.bind.WebDataBinder binder) {
        binder.setDeclarativeBinding(true);
    }

    @GetMapping("/declarations/{id}")
    String declaration(@PathVariable UUID id, Model model) {
        ReviewDetail detail = desk.myDeclaration(id).orElseThrow(PageNotFoundException::new);
        DeclarationForm form = DeclarationForm.of(detail);
        model.addAttribute("form", form);
        return declarationView(detail, form, null, model);
    }

    @PostMapping("/declarations/{id}")
    String saveDeclaration(@PathVariable UUID id, @Valid @ModelAttribute("form") DeclarationForm form, BindingResult errors,
            @RequestParam Map<String, MultipartFile> files, Model model, RedirectAttributes redirect,
            jakarta.servlet.http.HttpServletRequest request) throws java.io.IOException {
        return save(id, form, errors, files, model, redirect, request, false);
    }

    @PostMapping("/declarations/{id}/submit")
    String submit(@PathVariable UUID id, @Valid @ModelAttribute("form") DeclarationForm form, BindingResult errors,
            @RequestParam Map<String, MultipartFile> files, Model model, RedirectAttributes redirect,
            jakarta.servlet.http.HttpServletRequest request) throws java.io.IOException {
        return save(id, form, errors, files, model, redirect, request, true);
    }

    /**
     * Saves (and submits) the form; otherwise shows it again as typed with every error at once: beside its field or
     * checklist item and in the summary at the top, which names the field or the item (an evidence file has to be
     * chosen again: browsers never send a file twice).
     */
    private String save(UUID declarationId, DeclarationForm form, BindingResult errors, Map<String, MultipartFile> files,
            Model model, RedirectAttributes redirect, jakarta.servlet.http.HttpServletRequest request, boolean submit)
            throws java.io.IOException {
        if (form != null) {
            form.checkAnswers(errors);
        }
        if (!errors.hasErrors()) {
            try {
                if (submit) {
                    desk.saveAndSubmit(declarationId, form.version(), form.input(files));
                } else {
                    desk.saveDraft(declarationId, form.version(), form.input(files));
                }
                redirect.addFlashAttribute("done", submit ? "guidelines.declaration.submitted" : "guidelines.declaration.saved");
                return "redirect:/association/guidelines/declarations/" + declarationId;
            } catch (DraftProblems e) {
                e.problems().forEach(p -> errors.addError(new FieldError("form", DeclarationErrors.field(p), null, false,
                        new String[] {p.messageKey()}, p.args(), null)));
            } catch (GuidelineException e) {
                GuidelineForms.reject(errors, e, "guidelines.declaration.formType", "formType");
            }
        }
        ReviewDetail detail = desk.myDeclaration(declarationId).orElseThrow(PageNotFoundException::new);
        return declarationView(detail, form != null ? form : DeclarationForm.asTyped(request.getParameterMap()), errors, model);
    }

    /** 取下げ of a listed (or suspended) entry: the version the association looked at, an optional reason (the column's 1,000). */
    public record WithdrawalForm(
            @PositiveOrZero(message = "{validation.outOfRange}") long version,
            @Size(max = 1000, message = "{guidelines.transition.reasonTooLong}") String reason) {}

    /** The association's answer in the thread with METI (the column's 4,000 characters). */
    public record CommentForm(
            @NotBlank(message = "{guidelines.comment.body.required}") @Size(max = 4000, message = "{guidelines.comment.body.required}") String body) {}

    @PostMapping("/declarations/{id}/withdraw")
    String withdraw(@PathVariable UUID id, @Valid @ModelAttribute("withdrawal") WithdrawalForm form, BindingResult errors,
            Model model, RedirectAttributes redirect) {
        if (!errors.hasErrors()) {
            try {
                desk.withdraw(id, form.version(), form.reason());
                redirect.addFlashAttribute("done", "guidelines.declaration.withdrawn");
                return "redirect:/association/guidelines/declarations/" + id;
            } catch (GuidelineException e) {
                GuidelineForms.reject(errors, e, "guidelines.transition.reason", "reason");
            }
        }
        return otherFormRefused(id, model);
    }

    @PostMapping("/declarations/{id}/comments")
    String comment(@PathVariable UUID id, @Valid @ModelAttribute("comment") CommentForm form, BindingResult errors,
            Model model, RedirectAttributes redirect) {
        if (!errors.hasErrors()) {
            try {
                desk.commentAsAssociation(id, form.body());
                redirect.addFlashAttribute("done", "guidelines.declaration.commented");
                return "redirect:/association/guidelines/declarations/" + id;
            } catch (GuidelineException e) {
                GuidelineForms.reject(errors, e, "guidelines.comment.body", "body");
            }
        }
        return otherFormRefused(id, model);
    }

    /** The page again after a refused withdrawal or comment: that form with its errors, the declaration as saved. */
    private String otherFormRefused(UUID declarationId, Model model) {
        ReviewDetail detail = desk.myDeclaration(declarationId).orElseThrow(PageNotFoundException::new);
        DeclarationForm form = DeclarationForm.of(detail);
        model.addAttribute("form", form);
        return declarationView(detail, form, null, model);
    }

    @GetMapping("/declarations/{id}/evidence/{itemId}")
    ResponseEntity<byte[]> evidence(@PathVariable UUID id, @PathVariable UUID itemId) {
        return GuidelineForms.download(desk.myEvidence(id, itemId)
                .orElseThrow(PageNotFoundException::new));
    }

    private String declarationView(ReviewDetail detail, DeclarationForm entered, BindingResult errors, Model model) {
        if (!model.containsAttribute("withdrawal")) {
            model.addAttribute("withdrawal", new WithdrawalForm(detail.declaration().version(), ""));
        }
        if (!model.containsAttribute("comment")) {
            model.addAttribute("comment", new CommentForm(""));
        }
        model.addAttribute("entered", entered);
        model.addAttribute("errorsShown", new DeclarationErrors(errors, detail.checklist(), messages,
                org.springframework.context.i18n.LocaleContextHolder.getLocale()));
        model.addAttribute("evidenceBase", "/association/guidelines/declarations/" + detail.declaration().id() + "/evidence");
        model.addAttribute("detail", detail);
        model.addAttribute("d", detail.declaration());
        model.addAttribute("editions", desk.ruleDocuments());
        model.addAttribute("formTypes", FormType.values());
        model.addAttribute("answers", Answer.values());
        return "guidelines/association-declaration";
    }
}
