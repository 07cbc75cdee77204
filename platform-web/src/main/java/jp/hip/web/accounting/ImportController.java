package jp.hip.web.accounting;

import java.io.IOException;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
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

    /**
     * What to import, what to do with rows already stored, the file, and for the kinds whose rows replace stored data
     * (allocations of a line, a year's indicator values) the box saying so. Every problem of the form at once, beside
     * its field; the file's own problems are listed by line and column below.
     */
    public record ImportForm(
            @Pattern(regexp = "lines|time|allocations|values|facilities", message = "{accounting.import.kind.unknown}") String kind,
            ImportResult.Duplicates duplicates,
            MultipartFile file,
            Boolean replaceConfirmed) {

        static ImportForm empty() {
            return new ImportForm("lines", ImportResult.Duplicates.REFUSE, null, false);
        }

        /** Lines when nothing was chosen (the form's default). */
        String chosenKind() {
            return kind == null || kind.isBlank() ? "lines" : kind;
        }

        /** Allocations and indicator values replace what is stored for their line or 年度. */
        boolean replaces() {
            return "allocations".equals(chosenKind()) || "values".equals(chosenKind());
        }

        /** The file's and the confirmation's problems, beside their fields. */
        void check(BindingResult errors) {
            if (file == null || file.isEmpty()) {
                Refusals.add(errors, "file", null, "accounting.import.fileRequired");
            } else if (file.getSize() > AccountingImports.MAX_BYTES) {
                // refused before reading it into memory
                Refusals.add(errors, "file", null, "accounting.import.tooLarge");
            }
            if (!errors.hasFieldErrors("kind") && replaces() && !Boolean.TRUE.equals(replaceConfirmed)) {
                Refusals.add(errors, "replaceConfirmed", false, "accounting.import.replace.confirm");
            }
        }
    }

    @GetMapping("/company/import")
    String form(Model model) {
        model.addAttribute("form", ImportForm.empty());
        return view(model);
    }

    @PostMapping("/company/import")
    String upload(@Valid @ModelAttribute("form") ImportForm form, BindingResult errors, Model model) throws IOException {
        if (form != null) { // null when the duplicates choice could not be read: the errors say so
            form.check(errors);
        }
        if (errors.hasErrors()) {
            return view(model);
        }
        byte[] bytes = form.file().getBytes();
        ImportResult.Duplicates duplicates = form.duplicates() == null ? ImportResult.Duplicates.REFUSE : form.duplicates();
        ImportResult result = switch (form.chosenKind()) {
            case "values" -> imports.importValues(bytes);
            case "facilities" -> imports.importFacilities(bytes);
            case "time" -> imports.importTime(bytes, duplicates);
            case "allocations" -> imports.importAllocations(bytes, duplicates);
            default -> imports.importLines(bytes, duplicates);
        };
        model.addAttribute("result", result);
        return view(model);
    }

    private static String view(Model model) {
        model.addAttribute("duplicateChoices", ImportResult.Duplicates.values());
        model.addAttribute("kinds", java.util.List.of("lines", "time", "allocations", "values", "facilities"));
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
