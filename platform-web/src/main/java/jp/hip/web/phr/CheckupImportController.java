package jp.hip.web.phr;

import java.io.IOException;
import java.util.UUID;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jp.hip.identity.SignedInUser;
import jp.hip.phr.Accessor;
import jp.hip.phr.PhrException;
import jp.hip.phr.persons.PhrPersons;
import jp.hip.phr.checkup.file.CheckupCsvTemplate;
import jp.hip.phr.checkup.CheckupRecords;
import jp.hip.web.PageNotFoundException;

/**
 * Insurer staff: upload 特定健診 (a submission archive, one XML file or a CSV) and see one line per file; the
 * paged upload history (who, when, what result); the 保険者番号 the insurer receives; the CSV template and its
 * column description.
 */
@Controller
@RequestMapping("/insurer/checkups")
class CheckupImportController {

    static final int PAGE_SIZE = 20;

    private final CheckupRecords checkups;
    private final PhrPersons records;

    CheckupImportController(CheckupRecords checkups, PhrPersons records) {
        this.checkups = checkups;
        this.records = records;
    }

    static Accessor insurer(SignedInUser me) {
        return Accessor.tenant(me.tenantId(), me.id().toString(), me.displayName(), Accessor.Channel.PAGE);
    }

    @GetMapping
    String form(@AuthenticationPrincipal SignedInUser me, @RequestParam(required = false) String page, Model model,
            jakarta.servlet.http.HttpServletRequest request) {
        int requested = jp.hip.web.Pages.requested(page);
        var uploads = checkups.uploads(insurer(me), Math.max(0, requested - 1), PAGE_SIZE);
        int nearest = jp.hip.web.Pages.nearest(requested, uploads.pages());
        if (page != null && nearest != requested) {
            return jp.hip.web.Pages.redirect(request, nearest);
        }
        return form(me, uploads, model);
    }

    private String form(SignedInUser me, jp.hip.phr.checkup.CheckupUploads uploads, Model model) {
        model.addAttribute("uploads", uploads);
        model.addAttribute("members", records.memberCount(me.tenantId()));
        model.addAttribute("insurerNumbers", checkups.insurerNumbers(me.tenantId()));
        return "phr/checkup-import";
    }

    @PostMapping
    String upload(@AuthenticationPrincipal SignedInUser me, @RequestParam(name = "file", required = false) MultipartFile file,
            Model model) throws IOException {
        if (file == null || file.isEmpty()) {
            model.addAttribute("failed", "phr.import.noFile");
            return form(me, checkups.uploads(insurer(me), 0, PAGE_SIZE), model);
        }
        model.addAttribute("report", checkups.importUpload(insurer(me), file.getOriginalFilename(), file.getBytes()));
        return "phr/checkup-result";
    }

    @GetMapping("/uploads/{id}")
    String report(@AuthenticationPrincipal SignedInUser me, @PathVariable UUID id, Model model) {
        try {
            model.addAttribute("report", checkups.upload(insurer(me), id));
        } catch (PhrException e) {
            throw new PageNotFoundException();
        }
        model.addAttribute("history", true);
        return "phr/checkup-result";
    }

    @PostMapping("/insurer-number")
    String registerNumber(@AuthenticationPrincipal SignedInUser me, @RequestParam(defaultValue = "") String insurerNumber,
            RedirectAttributes redirect) {
        try {
            checkups.registerInsurerNumber(insurer(me), insurerNumber.strip());
            redirect.addFlashAttribute("done", "phr.insurerNumber.registered");
        } catch (PhrException e) {
            redirect.addFlashAttribute("numberFailed", e.problems().get(0).key());
            redirect.addFlashAttribute("numberValue", insurerNumber);
        }
        return "redirect:/insurer/checkups";
    }

    @GetMapping("/template.csv")
    ResponseEntity<byte[]> template() {
        return csv("tokutei-kenshin-template.csv", CheckupCsvTemplate.template(checkups.itemTable()));
    }

    @GetMapping("/template-columns.csv")
    ResponseEntity<byte[]> columns() {
        return csv("tokutei-kenshin-columns.csv", CheckupCsvTemplate.description(checkups.itemTable()));
    }

    static ResponseEntity<byte[]> csv(String name, byte[] body) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8)).body(body);
    }
}
