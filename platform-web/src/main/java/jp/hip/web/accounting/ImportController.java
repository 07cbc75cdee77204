package jp.hip.web.accounting;

import java.io.IOException;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

import jp.hip.accounting.HealthAccounting;

/** CSV import of investment lines: all or nothing, every problem listed by row and column. */
@Controller
class ImportController {

    private final HealthAccounting accounting;

    ImportController(HealthAccounting accounting) {
        this.accounting = accounting;
    }

    @GetMapping("/company/import")
    String form() {
        return "accounting/import";
    }

    @PostMapping("/company/import")
    String upload(@RequestParam(name = "file", required = false) MultipartFile file, Model model) throws IOException {
        model.addAttribute("result", accounting.importLines(file == null ? new byte[0] : file.getBytes()));
        return "accounting/import";
    }
}
