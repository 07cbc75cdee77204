package jp.hip.web.phr;

import java.time.LocalDate;
import java.util.Locale;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jp.hip.identity.SignedInUser;
import jp.hip.phr.Accessor;
import jp.hip.phr.PhrException;
import jp.hip.phr.access.AccessLog;
import jp.hip.phr.persons.PhrPersons;
import jp.hip.phr.rights.PhrRights;
import jp.hip.web.PageNotFoundException;

/**
 * The individual's rights: who read their data (grouped, filtered, paged; ADR 0042), export of everything, and
 * deletion on request, which says before and after what holders keep by law, and until when (ADR 0041).
 */
@Controller
@RequestMapping("/me")
class PersonalRightsController {

    static final int LOG_PAGE_SIZE = 20;

    private final PhrPersons persons;
    private final AccessLog accessLog;
    private final PhrRights rights;

    PersonalRightsController(PhrPersons persons, AccessLog accessLog, PhrRights rights) {
        this.persons = persons;
        this.accessLog = accessLog;
        this.rights = rights;
    }

    @GetMapping("/access-log")
    String accessLog(@AuthenticationPrincipal SignedInUser me, @ModelAttribute("form") AccessLogForm form,
            org.springframework.validation.BindingResult errors, Locale locale, Model model,
            HttpServletRequest request) {
        Accessor accessor = PersonalRecordsController.me(me);
        if (!persons.hasRecords(accessor)) {
            return "phr/no-records";
        }
        if (form == null || errors.hasFieldErrors("page")) {
            return jp.hip.web.Pages.redirect(request, 1); // a page that is not a number: the first, same filters
        }
        var log = accessLog.myAccessLog(accessor, form.filter(), form.pageIndex(), LOG_PAGE_SIZE, locale);
        if (form.page() != null && form.page() != jp.hip.web.Pages.nearest(form.page(), log.pages())) {
            return jp.hip.web.Pages.redirect(request, jp.hip.web.Pages.nearest(form.page(), log.pages()));
        }
        model.addAttribute("log", log);
        model.addAttribute("invalid", form.invalid());
        return "phr/access-log";
    }

    @GetMapping("/data")
    String data(@AuthenticationPrincipal SignedInUser me, Model model) {
        Accessor accessor = PersonalRecordsController.me(me);
        if (!persons.hasRecords(accessor)) {
            return "phr/no-records";
        }
        model.addAttribute("retained", rights.whatRemainsAfterDeletion(accessor));
        return "phr/data";
    }

    @GetMapping("/export")
    ResponseEntity<byte[]> export(@AuthenticationPrincipal SignedInUser me) {
        Accessor accessor = PersonalRecordsController.me(me);
        if (!persons.hasRecords(accessor)) {
            throw new PageNotFoundException();
        }
        byte[] zip = rights.exportMine(accessor);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/zip"))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("my-health-records-" + LocalDate.now(LineChart.JAPAN) + ".zip").build().toString())
                .body(zip);
    }

    /**
     * Deletes and closes the account: the answer is the result page itself (the session ends with the account), saying
     * what went and what each holder keeps by law, and until when.
     */
    @PostMapping("/delete")
    String delete(@AuthenticationPrincipal SignedInUser me, @RequestParam(required = false) String confirm,
            HttpServletRequest request, RedirectAttributes redirect, Model model) throws ServletException {
        Accessor accessor = PersonalRecordsController.me(me);
        if (!persons.hasRecords(accessor)) {
            return "redirect:/me/records";
        }
        if (!"yes".equals(confirm)) {
            redirect.addFlashAttribute("failed", "phr.data.confirmRequired");
            return "redirect:/me/data";
        }
        PhrRights.Deletion deletion;
        try {
            deletion = rights.deleteMine(accessor);
        } catch (PhrException e) {
            if (e.kind() != PhrException.Kind.CONFLICT) {
                throw e;
            }
            redirect.addFlashAttribute("failed", "phr.data.exportRunning");
            return "redirect:/me/data";
        }
        request.logout();
        model.addAttribute("deletion", deletion);
        return "phr/deleted";
    }
}
