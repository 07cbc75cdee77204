package jp.hip.web.accounting;

import java.io.IOException;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

import jp.hip.accounting.imports.AccountingImports;
import jp.hip.accounting.imports.ImportResult;

/**
 * CSV/Excel import of investment lines, personnel time, allocations, facilities or indicator values: all or nothing, every problem listed by physical line
 * and column; lines already stored are refused or skipped at the user's choice; templates to download (ADR 0026).
 */
@Controller
class ImportController {

    private final AccountingImports imports;

    ImportController(AccountingImports imports) {
        this.imports = imports;
    }

    @GetMapping("/company/import")
    String form(Model model) {
        return view(model);
    }

    @PostMapping("/company/import")
    String upload(@RequestParam(name = "file", required = false) MultipartFile file,
            @RequestParam(defaultValue = "lines") String kind,
            @RequestParam(defaultValue = "REFUSE") ImportResult.Duplicates duplicates, Model model) throws IOException {
        ImportResult result;
        if (file != null && file.getSize() > AccountingImports.MAX_BYTES) {
            // refused before reading it into memory
            result = new ImportResult(0, 0, java.util.List.of(new ImportResult.Problem(0, null, "accounting.import.tooLarge")));
        } else {
            byte[] bytes = file == null ? new byte[0] : file.getBytes();
            result = switch (kind) {
                case "values" -> imports.importValues(bytes);
                case "facilities" -> imports.importFacilities(bytes);
                case "time" -> imports.importTime(bytes, duplicates);
                case "allocations" -> imports.importAllocations(bytes, duplicates);
                default -> imports.importLines(bytes, duplicates);
            };
        }
        model.addAttribute("result", result);
        model.addAttribute("chosen", duplicates);
        return view(model);
    }

    private static String view(Model model) {
        model.addAttribute("duplicateChoices", ImportResult.Duplicates.values());
        return "accounting/import";
    }

    @GetMapping("/company/import/template-lines.csv")
    ResponseEntity<byte[]> linesTemplate() {
        return csv(AccountingImports.linesTemplate(), "健康投資明細_テンプレート.csv");
    }

    @GetMapping("/company/import/template-facilities.csv")
    ResponseEntity<byte[]> facilitiesTemplate() {
        return csv(AccountingImports.facilitiesTemplate(), "固定資産台帳_施設_テンプレート.csv");
    }

    @GetMapping("/company/import/template-time.csv")
    ResponseEntity<byte[]> timeTemplate() {
        return csv(AccountingImports.timeTemplate(), "時間投資_テンプレート.csv");
    }

    @GetMapping("/company/import/template-allocations.csv")
    ResponseEntity<byte[]> allocationsTemplate() {
        return csv(AccountingImports.allocationsTemplate(), "按分_テンプレート.csv");
    }

    @GetMapping("/company/import/template-values.csv")
    ResponseEntity<byte[]> valuesTemplate() {
        return csv(AccountingImports.valuesTemplate(), "指標の値_テンプレート.csv");
    }

    private static ResponseEntity<byte[]> csv(byte[] body, String name) {
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(name, java.nio.charset.StandardCharsets.UTF_8).build().toString())
                .body(body);
    }
}
