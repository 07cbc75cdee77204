package jp.hip.web.guidelines;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
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

import jp.hip.guidelines.Answer;
import jp.hip.guidelines.AnswerInput;
import jp.hip.guidelines.AssociationKind;
import jp.hip.guidelines.AssociationView;
import jp.hip.guidelines.ChecklistAnswer;
import jp.hip.guidelines.FormType;
import jp.hip.guidelines.GuidelineDetail;
import jp.hip.guidelines.GuidelineException;
import jp.hip.guidelines.GuidelineKind;
import jp.hip.guidelines.AssociationDesk;
import jp.hip.guidelines.ReviewDetail;
import jp.hip.guidelines.ServiceCategory;
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

    public static final class DeclarationForm {
        private long version;
        private FormType formType;
        private String edition = "";
        private String signatoryName = "";
        private String signatoryTitle = "";
        private boolean pledged;
        private Map<String, String> answer = new HashMap<>();
        private Map<String, String> evidence = new HashMap<>();
        private Map<String, String> reason = new HashMap<>();

        static DeclarationForm of(ReviewDetail detail) {
            DeclarationForm f = new DeclarationForm();
            var d = detail.declaration();
            f.version = d.version();
            f.formType = d.formType();
            f.edition = d.edition();
            f.signatoryName = d.signatoryName();
            f.signatoryTitle = d.signatoryTitle();
            f.pledged = d.pledged();
            for (ChecklistAnswer a : d.answers()) {
                f.answer.put(a.itemId().toString(), a.answer() == null ? "" : a.answer().name());
                f.evidence.put(a.itemId().toString(), a.evidenceUrl() == null ? "" : a.evidenceUrl());
                f.reason.put(a.itemId().toString(), a.reason() == null ? "" : a.reason());
            }
            return f;
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

        public long getVersion() { return version; }
        public void setVersion(long v) { version = v; }
        public FormType getFormType() { return formType; }
        public void setFormType(FormType v) { formType = v; }
        public String getEdition() { return edition; }
        public void setEdition(String v) { edition = v; }
        public String getSignatoryName() { return signatoryName; }
        public void setSignatoryName(String v) { signatoryName = v; }
        public String getSignatoryTitle() { return signatoryTitle; }
        public void setSignatoryTitle(String v) { signatoryTitle = v; }
        public boolean isPledged() { return pledged; }
        public void setPledged(boolean v) { pledged = v; }
        public Map<String, String> getAnswer() { return answer; }
        public void setAnswer(Map<String, String> v) { answer = v; }
        public Map<String, String> getEvidence() { return evidence; }
        public void setEvidence(Map<String, String> v) { evidence = v; }
        public Map<String, String> getReason() { return reason; }
        public void setReason(Map<String, String> v) { reason = v; }
    }

    @GetMapping("/declarations/{id}")
    String declaration(@PathVariable UUID id, Model model) {
        ReviewDetail detail = desk.myDeclaration(id).orElseThrow(PageNotFoundException::new);
        model.addAttribute("form", DeclarationForm.of(detail));
        return declarationView(detail, model);
    }

    @PostMapping("/declarations/{id}")
    String saveDeclaration(@PathVariable UUID id, @ModelAttribute("form") DeclarationForm form, BindingResult errors,
            @RequestParam Map<String, MultipartFile> files, Model model, RedirectAttributes redirect) throws java.io.IOException {
        UUID declarationId = id;
        try {
            desk.saveDraft(declarationId, form.getVersion(), form.input(files));
        } catch (GuidelineException e) {
            return rejected(declarationId, errors, e, model);
        }
        redirect.addFlashAttribute("done", "guidelines.declaration.saved");
        return "redirect:/association/guidelines/declarations/" + declarationId;
    }

    @PostMapping("/declarations/{id}/submit")
    String submit(@PathVariable UUID id, @ModelAttribute("form") DeclarationForm form, BindingResult errors,
            @RequestParam Map<String, MultipartFile> files, Model model, RedirectAttributes redirect) throws java.io.IOException {
        UUID declarationId = id;
        try {
            desk.saveAndSubmit(declarationId, form.getVersion(), form.input(files));
        } catch (GuidelineException e) {
            return rejected(declarationId, errors, e, model);
        }
        redirect.addFlashAttribute("done", "guidelines.declaration.submitted");
        return "redirect:/association/guidelines/declarations/" + declarationId;
    }

    @PostMapping("/declarations/{id}/withdraw")
    String withdraw(@PathVariable UUID id, @RequestParam long version, @RequestParam(defaultValue = "") String reason,
            RedirectAttributes redirect) {
        UUID declarationId = id;
        try {
            desk.withdraw(declarationId, version, reason);
            redirect.addFlashAttribute("done", "guidelines.declaration.withdrawn");
        } catch (GuidelineException e) {
            GuidelineForms.notFoundAs404(e);
            GuidelineForms.fail(redirect, e);
        }
        return "redirect:/association/guidelines/declarations/" + declarationId;
    }

    @PostMapping("/declarations/{id}/comments")
    String comment(@PathVariable UUID id, @RequestParam(defaultValue = "") String body, RedirectAttributes redirect) {
        UUID declarationId = id;
        try {
            desk.commentAsAssociation(declarationId, body);
            redirect.addFlashAttribute("done", "guidelines.declaration.commented");
        } catch (GuidelineException e) {
            GuidelineForms.notFoundAs404(e);
            GuidelineForms.fail(redirect, e);
        }
        return "redirect:/association/guidelines/declarations/" + declarationId;
    }

    /**
     * The form again, as entered, with the rule's message at the top and, when it is about one checklist item
     * (its code is the message's first argument), beside that item too.
     */
    private String rejected(UUID declarationId, BindingResult errors, GuidelineException e, Model model) {
        GuidelineForms.reject(errors, e);
        ReviewDetail detail = desk.myDeclaration(declarationId).orElseThrow(PageNotFoundException::new);
        Object[] args = e.args();
        if (args.length > 0 && detail.checklist().stream().anyMatch(i -> i.code().equals(args[0]))) {
            model.addAttribute("errorItem", args[0]);
            model.addAttribute("errorMessage", messages.getMessage(e.messageKey(), args, e.messageKey(),
                    org.springframework.context.i18n.LocaleContextHolder.getLocale()));
        }
        return declarationView(detail, model);
    }

    @GetMapping("/declarations/{id}/evidence/{itemId}")
    ResponseEntity<byte[]> evidence(@PathVariable UUID id, @PathVariable UUID itemId) {
        return GuidelineForms.download(desk.myEvidence(id, itemId)
                .orElseThrow(PageNotFoundException::new));
    }

    private String declarationView(ReviewDetail detail, Model model) {
        model.addAttribute("evidenceBase", "/association/guidelines/declarations/" + detail.declaration().id() + "/evidence");
        model.addAttribute("detail", detail);
        model.addAttribute("d", detail.declaration());
        model.addAttribute("editions", desk.ruleDocuments());
        model.addAttribute("formTypes", FormType.values());
        model.addAttribute("answers", Answer.values());
        return "guidelines/association-declaration";
    }
}
