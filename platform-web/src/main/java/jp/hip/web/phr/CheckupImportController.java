package jp.hip.web.phr;

import java.io.IOException;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

import jp.hip.identity.SignedInUser;
import jp.hip.phr.Accessor;
import jp.hip.phr.checkup.CheckupImport;
import jp.hip.phr.persons.PhrPersons;

/** Insurer staff upload 特定健診 XML (one file or a ZIP of many) and see what happened to every file. */
@Controller
@RequestMapping("/insurer/checkups")
class CheckupImportController {

    private final CheckupImport records;
    private final PhrPersons persons;

    CheckupImportController(CheckupImport records, PhrPersons persons) {
        this.records = records;
        this.persons = persons;
    }

    private static Accessor insurer(SignedInUser me) {
        return Accessor.tenant(me.tenantId(), me.id().toString(), me.displayName(), Accessor.Channel.PAGE);
    }

    @GetMapping
    String form(@AuthenticationPrincipal SignedInUser me, Model model) {
        model.addAttribute("documents", records.latestSourceDocuments(insurer(me), 20));
        model.addAttribute("members", persons.memberCount(me.tenantId()));
        return "phr/checkup-import";
    }

    @PostMapping
    String upload(@AuthenticationPrincipal SignedInUser me, @RequestParam(name = "file", required = false) MultipartFile file,
            Model model) throws IOException {
        if (file == null || file.isEmpty()) {
            model.addAttribute("failed", "phr.import.noFile");
            return form(me, model);
        }
        model.addAttribute("report", records.importCheckups(insurer(me), file.getOriginalFilename(), file.getBytes()));
        return "phr/checkup-result";
    }
}
