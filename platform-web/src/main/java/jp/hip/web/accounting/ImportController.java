package jp.hip.web.accounting;

import java.io.IOException;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

import jp.hip.accounting.HealthAccounting;

/** CSV/Excel import of investment lines or indicator values: all or nothing, every problem listed by row and column. */
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
    String upload(@RequestParam(name = "file", required = false) MultipartFile file,
            @RequestParam(defaultValue = "lines") String kind, Model model) throws IOException {
        byte[] bytes = file == null ? new byte[0] : file.getBytes();
        model.addAttribute("result", "values".equals(kind) ? accounting.importValues(bytes) : accounting.importLines(bytes));
        return "accounting/import";
    }
}
