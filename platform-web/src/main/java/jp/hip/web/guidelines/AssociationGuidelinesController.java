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
 * The association's pages: its profile, guidelines and versions, and starting a declaration (the form itself is
 * {@link AssociationDeclarationController}). The facade acts in the association's own
 * tenant only: another association's id is not found (404).
 */
@Controller
@RequestMapping("/association/guidelines")
class AssociationGuidelinesController {

    private final AssociationDesk desk;

    AssociationGuidelinesController(AssociationDesk desk) {
        this.desk = desk;
    }

    @GetMapping
    String home(Model model) {
        model.addAttribute("profile", desk.myAssociation().orElse(null));
        model.addAttribute("guidelines", desk.myGuidelines());
        model.addAttribute("reminders", desk.myReminders());
        return "guidelines/association-home";
    }

    // ------------------------------------------------------------ profile

    public static final class ProfileForm {
        private String corporateNumber = "";
        private String name = "";
        private AssociationKind kind;
        private String representativeName = "";
        private String websiteUrl = "";
        private String contactEmail = "";

        static ProfileForm of(AssociationView v) {
            ProfileForm f = new ProfileForm();
            f.corporateNumber = v.corporateNumber();
            f.name = v.name();
            f.kind = v.kind();
            f.representativeName = v.representativeName();
            f.websiteUrl = v.websiteUrl();
            f.contactEmail = v.contactEmail();
            return f;
        }

        public String getCorporateNumber() { return corporateNumber; }
        public void setCorporateNumber(String v) { corporateNumber = v; }
        public String getName() { return name; }
        public void setName(String v) { name = v; }
        public AssociationKind getKind() { return kind; }
        public void setKind(AssociationKind v) { kind = v; }
        public String getRepresentativeName() { return representativeName; }
        public void setRepresentativeName(String v) { representativeName = v; }
        public String getWebsiteUrl() { return websiteUrl; }
        public void setWebsiteUrl(String v) { websiteUrl = v; }
        public String getContactEmail() { return contactEmail; }
        public void setContactEmail(String v) { contactEmail = v; }
    }

    @GetMapping("/profile")
    String profile(Model model) {
        model.addAttribute("form", desk.myAssociation().map(ProfileForm::of).orElseGet(ProfileForm::new));
        return profileView(model);
    }

    @PostMapping("/profile")
    String saveProfile(@ModelAttribute("form") ProfileForm form, BindingResult errors, Model model, RedirectAttributes redirect) {
        if (errors.hasErrors()) {
            return profileView(model);
        }
        try {
            desk.saveAssociation(new AssociationDesk.AssociationProfile(form.getCorporateNumber(), form.getName(),
                    form.getKind(), form.getRepresentativeName(), form.getWebsiteUrl(), form.getContactEmail()));
        } catch (GuidelineException e) {
            GuidelineForms.reject(errors, e, "guidelines.association.corporateNumber", "corporateNumber",
                    "guidelines.association.name", "name", "guidelines.association.kind", "kind",
                    "guidelines.association.websiteUrl", "websiteUrl");
            return profileView(model);
        }
        redirect.addFlashAttribute("done", "guidelines.assoc.profile.saved");
        return "redirect:/association/guidelines";
    }

    private String profileView(Model model) {
        model.addAttribute("kinds", AssociationKind.values());
        return "guidelines/association-profile";
    }

    // ------------------------------------------------------------ guidelines and versions

    public static final class GuidelineForm {
        private GuidelineKind kind;
        private ServiceCategory serviceCategory;
        private String title = "";
        private String targetBusinesses = "";
        private String publicUrl = "";
        private String versionLabel = "第1版";
        private String versionDatedOn = "";
        private String documentUrl = "";

        public GuidelineKind getKind() { return kind; }
        public void setKind(GuidelineKind v) { kind = v; }
        public ServiceCategory getServiceCategory() { return serviceCategory; }
        public void setServiceCategory(ServiceCategory v) { serviceCategory = v; }
        public String getTitle() { return title; }
        public void setTitle(String v) { title = v; }
        public String getTargetBusinesses() { return targetBusinesses; }
        public void setTargetBusinesses(String v) { targetBusinesses = v; }
        public String getPublicUrl() { return publicUrl; }
        public void setPublicUrl(String v) { publicUrl = v; }
        public String getVersionLabel() { return versionLabel; }
        public void setVersionLabel(String v) { versionLabel = v; }
        public String getVersionDatedOn() { return versionDatedOn; }
        public void setVersionDatedOn(String v) { versionDatedOn = v; }
        public String getDocumentUrl() { return documentUrl; }
        public void setDocumentUrl(String v) { documentUrl = v; }
    }

    @GetMapping("/new")
    String newGuideline(Model model) {
        model.addAttribute("form", new GuidelineForm());
        return guidelineFormView(model);
    }

    @PostMapping
    String register(@ModelAttribute("form") GuidelineForm form, BindingResult errors, Model model, RedirectAttributes redirect) {
        if (!GuidelineForms.isDate(form.getVersionDatedOn())) {
            errors.rejectValue("versionDatedOn", "guidelines.public.badDate");
        }
        if (errors.hasErrors()) {
            return guidelineFormView(model);
        }
        UUID id;
        try {
            id = desk.registerGuideline(new AssociationDesk.NewGuideline(form.getKind(), form.getServiceCategory(),
                    form.getTitle(), form.getTargetBusinesses(), form.getPublicUrl(), form.getVersionLabel(),
                    GuidelineForms.date(form.getVersionDatedOn()), form.getDocumentUrl()));
        } catch (GuidelineException e) {
            GuidelineForms.reject(errors, e, "guidelines.guideline.kind", "kind", "guidelines.guideline.serviceCategory",
                    "serviceCategory", "guidelines.guideline.title", "title", "guidelines.guideline.publicUrl", "publicUrl",
                    "guidelines.version.label", "versionLabel", "guidelines.version.datedOn", "versionDatedOn",
                    "guidelines.version.documentUrl", "documentUrl");
            return guidelineFormView(model);
        }
        redirect.addFlashAttribute("done", "guidelines.guideline.registered");
        return "redirect:/association/guidelines/" + id;
    }

    private String guidelineFormView(Model model) {
        model.addAttribute("kinds", GuidelineKind.values());
        model.addAttribute("categories", ServiceCategory.values());
        return "guidelines/association-guideline-new";
    }

    @GetMapping("/{id}")
    String guideline(@PathVariable String id, Model model) {
        GuidelineDetail detail = desk.myGuideline(GuidelineForms.id(id)).orElseThrow(PageNotFoundException::new);
        model.addAttribute("guideline", detail);
        model.addAttribute("inForce", desk.editionInForce());
        model.addAttribute("formTypes", FormType.values());
        return "guidelines/association-guideline";
    }

    @PostMapping("/{id}/versions")
    String addVersion(@PathVariable String id, @RequestParam(defaultValue = "") String label,
            @RequestParam(defaultValue = "") String datedOn, @RequestParam(defaultValue = "") String documentUrl,
            @RequestParam(required = false) MultipartFile document, RedirectAttributes redirect) throws java.io.IOException {
        UUID guidelineId = GuidelineForms.id(id);
        try {
            if (!GuidelineForms.isDate(datedOn)) {
                throw new GuidelineException("guidelines.public.badDate");
            }
            boolean uploaded = document != null && !document.isEmpty();
            desk.addVersion(guidelineId, new AssociationDesk.NewVersion(label, GuidelineForms.date(datedOn), documentUrl,
                    uploaded ? document.getOriginalFilename() : null, uploaded ? document.getBytes() : null));
            redirect.addFlashAttribute("done", "guidelines.version.added");
        } catch (GuidelineException e) {
            GuidelineForms.notFoundAs404(e);
            GuidelineForms.fail(redirect, e);
        }
        return "redirect:/association/guidelines/" + guidelineId;
    }

    @GetMapping("/{id}/versions/{versionId}/document")
    ResponseEntity<byte[]> document(@PathVariable String id, @PathVariable String versionId) {
        return GuidelineForms.download(desk.myVersionDocument(GuidelineForms.id(versionId)).orElseThrow(PageNotFoundException::new));
    }

    /** An upload over the server's limit never reaches the facade: say so on the guideline page. */
    @ExceptionHandler(MaxUploadSizeExceededException.class)
    String tooLarge(jakarta.servlet.http.HttpServletRequest request, RedirectAttributes redirect) {
        redirect.addFlashAttribute("failed", "guidelines.document.tooLarge");
        String path = request.getRequestURI();
        return "redirect:" + path.substring(0, path.lastIndexOf("/versions"));
    }

    @PostMapping("/{id}/declarations")
    String startDeclaration(@PathVariable String id, @RequestParam String versionId,
            @RequestParam(required = false) FormType formType, @RequestParam(defaultValue = "") String edition,
            RedirectAttributes redirect) {
        UUID guidelineId = GuidelineForms.id(id);
        try {
            UUID declarationId = desk.startDeclaration(guidelineId, GuidelineForms.id(versionId), formType, edition);
            return "redirect:/association/guidelines/declarations/" + declarationId;
        } catch (GuidelineException e) {
            GuidelineForms.notFoundAs404(e);
            GuidelineForms.fail(redirect, e);
            return "redirect:/association/guidelines/" + guidelineId;
        }
    }
}
