package jp.hip.web.guidelines;

import java.util.HashMap;
import java.util.Map;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;

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
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jp.hip.guidelines.declarations.Answer;
import jp.hip.guidelines.declarations.AnswerInput;
import jp.hip.guidelines.association.AssociationKind;
import jp.hip.guidelines.association.AssociationView;
import jp.hip.guidelines.declarations.ChecklistAnswer;
import jp.hip.guidelines.declarations.FormType;
import jp.hip.guidelines.guideline.GuidelineDetail;
import jp.hip.guidelines.GuidelineException;
import jp.hip.guidelines.guideline.GuidelineKind;
import jp.hip.guidelines.association.AssociationDesk;
import jp.hip.guidelines.declarations.ReviewDetail;
import jp.hip.guidelines.guideline.ServiceCategory;
import jp.hip.web.PageNotFoundException;
import jp.hip.web.forms.CorporateNumberFormat;
import jp.hip.web.forms.ValidCorporateNumber;
import jp.hip.web.forms.WebAddress;

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

    /** The association's profile (様式 header): limits as the columns hold them (V10), every field checked at once. */
    public record ProfileForm(
            @NotBlank(message = "{validation.required}") @CorporateNumberFormat
            @ValidCorporateNumber(message = "{guidelines.association.corporateNumber.invalid}") String corporateNumber,
            @NotBlank(message = "{guidelines.association.name.required}") @Size(max = 200, message = "{validation.tooLong}") String name,
            @NotNull(message = "{guidelines.association.kind.required}") AssociationKind kind,
            @Size(max = 100, message = "{validation.tooLong}") String representativeName,
            @WebAddress(message = "{guidelines.association.websiteUrl.invalid}") String websiteUrl,
            @Size(max = 254, message = "{validation.tooLong}") @Email(message = "{identity.user.email.invalid}") String contactEmail) {

        static ProfileForm empty() {
            return new ProfileForm("", "", null, "", "", "");
        }

        static ProfileForm of(AssociationView v) {
            return new ProfileForm(v.corporateNumber(), v.name(), v.kind(), v.representativeName(), v.websiteUrl(), v.contactEmail());
        }
    }

    @GetMapping("/profile")
    String profile(Model model) {
        model.addAttribute("form", desk.myAssociation().map(ProfileForm::of).orElseGet(ProfileForm::empty));
        return profileView(model);
    }

    @PostMapping("/profile")
    String saveProfile(@Valid @ModelAttribute("form") ProfileForm form, BindingResult errors, Model model, RedirectAttributes redirect) {
        if (errors.hasErrors()) {
            return profileView(model);
        }
        try {
            desk.saveAssociation(new AssociationDesk.AssociationProfile(form.corporateNumber(), form.name(),
                    form.kind(), form.representativeName(), form.websiteUrl(), form.contactEmail()));
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

    /** A new guideline with its first version: limits as the columns hold them (V10), dates as people type them. */
    public record GuidelineForm(
            @NotNull(message = "{guidelines.guideline.kind.required}") GuidelineKind kind,
            @NotNull(message = "{guidelines.guideline.serviceCategory.required}") ServiceCategory serviceCategory,
            @NotBlank(message = "{guidelines.guideline.title.required}") @Size(max = 300, message = "{validation.tooLong}") String title,
            @Size(max = 500, message = "{validation.tooLong}") String targetBusinesses,
            @WebAddress(message = "{guidelines.guideline.publicUrl.invalid}") String publicUrl,
            @NotBlank(message = "{guidelines.version.label.required}") @Size(max = 50, message = "{validation.tooLong}") String versionLabel,
            @NotNull(message = "{guidelines.version.datedOn.required}")
            @PastOrPresent(message = "{guidelines.version.datedOn.future}") LocalDate versionDatedOn,
            @WebAddress(message = "{guidelines.version.documentUrl.invalid}") String documentUrl) {

        static GuidelineForm empty() {
            return new GuidelineForm(null, null, "", "", "", "第1版", null, "");
        }
    }

    @GetMapping("/new")
    String newGuideline(Model model) {
        model.addAttribute("form", GuidelineForm.empty());
        return guidelineFormView(model);
    }

    @PostMapping
    String register(@Valid @ModelAttribute("form") GuidelineForm form, BindingResult errors, Model model, RedirectAttributes redirect) {
        if (errors.hasErrors()) {
            return guidelineFormView(model);
        }
        UUID id;
        try {
            id = desk.registerGuideline(new AssociationDesk.NewGuideline(form.kind(), form.serviceCategory(),
                    form.title(), form.targetBusinesses(), form.publicUrl(), form.versionLabel(),
                    form.versionDatedOn(), form.documentUrl()));
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
    String guideline(@PathVariable UUID id, Model model) {
        model.addAttribute("form", VersionForm.empty());
        model.addAttribute("start", StartForm.empty());
        return guidelineView(id, model);
    }

    private String guidelineView(UUID id, Model model) {
        GuidelineDetail detail = desk.myGuideline(id).orElseThrow(PageNotFoundException::new);
        model.addAttribute("guideline", detail);
        model.addAttribute("inForce", desk.editionInForce());
        model.addAttribute("formTypes", FormType.values());
        return "guidelines/association-guideline";
    }

    /**
     * A new version (改訂) of a guideline: its name, its date as people type it (2025-04-01, 2025/4/1, full width),
     * a URL and/or the document as a PDF (type and size are the version document's rule, by field).
     */
    public record VersionForm(
            @NotBlank(message = "{guidelines.version.label.required}") @Size(max = 50, message = "{validation.tooLong}") String label,
            @NotNull(message = "{guidelines.version.datedOn.required}")
            @PastOrPresent(message = "{guidelines.version.datedOn.future}") LocalDate datedOn,
            @WebAddress(message = "{guidelines.version.documentUrl.invalid}") String documentUrl,
            MultipartFile document) {

        static VersionForm empty() {
            return new VersionForm("", null, "", null);
        }

        boolean uploaded() {
            return document != null && !document.isEmpty();
        }
    }

    @PostMapping("/{id}/versions")
    String addVersion(@PathVariable UUID id, @Valid @ModelAttribute("form") VersionForm form, BindingResult errors,
            Model model, RedirectAttributes redirect) throws java.io.IOException {
        if (!errors.hasErrors()) {
            try {
                desk.addVersion(id, new AssociationDesk.NewVersion(form.label(), form.datedOn(), form.documentUrl(),
                        form.uploaded() ? form.document().getOriginalFilename() : null, form.uploaded() ? form.document().getBytes() : null));
                redirect.addFlashAttribute("done", "guidelines.version.added");
                return "redirect:/association/guidelines/" + id;
            } catch (GuidelineException e) {
                GuidelineForms.reject(errors, e, "guidelines.version.label", "label", "guidelines.version.datedOn", "datedOn",
                        "guidelines.version.documentUrl", "documentUrl", "guidelines.document", "document");
            }
        }
        model.addAttribute("start", StartForm.empty());
        return guidelineView(id, model);
    }

    @GetMapping("/{id}/versions/{versionId}/document")
    ResponseEntity<byte[]> document(@PathVariable UUID id, @PathVariable UUID versionId) {
        return GuidelineForms.download(desk.myVersionDocument(versionId).orElseThrow(PageNotFoundException::new));
    }

    /** An upload over the server's limit never reaches the facade: say so on the guideline page. */
    @ExceptionHandler(MaxUploadSizeExceededException.class)
    String tooLarge(jakarta.servlet.http.HttpServletRequest request, RedirectAttributes redirect) {
        redirect.addFlashAttribute("failed", "guidelines.document.tooLarge");
        String path = request.getRequestURI();
        return "redirect:" + path.substring(0, path.lastIndexOf("/versions"));
    }

    /**
     * Starting a declaration from a row of the versions table: the version (a hidden id), the form type (a select)
     * and the edition of 本指針 in force. A value no row sends (a hand-made request) is answered on the guideline
     * page by field, all at once, with nothing started.
     */
    public record StartForm(
            @NotNull(message = "{guidelines.declaration.version.required}") UUID versionId,
            @NotNull(message = "{guidelines.declaration.formType.required}") FormType formType,
            @NotBlank(message = "{guidelines.declaration.edition.required}") @Size(max = 8, message = "{validation.tooLong}") String edition) {

        static StartForm empty() {
            return new StartForm(null, null, "");
        }
    }

    @PostMapping("/{id}/declarations")
    String startDeclaration(@PathVariable UUID id, @Valid @ModelAttribute("start") StartForm form, BindingResult errors,
            Model model) {
        if (!errors.hasErrors()) {
            try {
                UUID declarationId = desk.startDeclaration(id, form.versionId(), form.formType(), form.edition());
                return "redirect:/association/guidelines/declarations/" + declarationId;
            } catch (GuidelineException e) {
                if (e.messageKey().equals("guidelines.version.notFound")) {
                    errors.rejectValue("versionId", e.messageKey(), e.args(), null);
                } else {
                    GuidelineForms.reject(errors, e, "guidelines.declaration.formType", "formType",
                            "guidelines.declaration.edition", "edition");
                }
            }
        }
        model.addAttribute("form", VersionForm.empty());
        return guidelineView(id, model);
    }
}
