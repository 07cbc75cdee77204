package jp.hip.web.phr;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import jp.hip.identity.SignedInUser;
import jp.hip.phr.checkup.GuidanceTargets;

/** Insurer staff: the 特定保健指導 対象者 list of a 年度 (積極的支援 / 動機付け支援), and its CSV. */
@Controller
@RequestMapping("/insurer/checkups/guidance")
class GuidanceTargetsController {

    private final GuidanceTargets targets;

    GuidanceTargetsController(GuidanceTargets targets) {
        this.targets = targets;
    }

    @GetMapping
    String list(@AuthenticationPrincipal SignedInUser me, @RequestParam(required = false) Integer year, Model model) {
        int shown = year == null ? jp.hip.accounting.FiscalYear.current().startYear() : year;
        var list = targets.list(CheckupImportController.insurer(me), shown);
        model.addAttribute("year", shown);
        model.addAttribute("years", java.util.stream.IntStream.rangeClosed(jp.hip.accounting.FiscalYear.current().startYear() - 5, jp.hip.accounting.FiscalYear.current().startYear())
                .boxed().sorted(java.util.Comparator.reverseOrder()).toList());
        model.addAttribute("targets", list);
        model.addAttribute("intensive", list.stream().filter(t -> "1".equals(t.level())).count());
        model.addAttribute("motivational", list.stream().filter(t -> "2".equals(t.level())).count());
        return "phr/guidance-targets";
    }

    @GetMapping("/targets.csv")
    ResponseEntity<byte[]> csv(@AuthenticationPrincipal SignedInUser me, @RequestParam int year) {
        return CheckupImportController.csv("hokenshido-taishosha-" + year + ".csv",
                targets.csv(CheckupImportController.insurer(me), year));
    }
}
