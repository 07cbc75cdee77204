package jp.hip.web.accounting;

import java.util.Locale;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jp.hip.accounting.AccountingException;
import jp.hip.accounting.HealthAccounting;
import jp.hip.web.FormErrors;

/** 健康課題: the nine standard categories (read-only) and the company's own, which HR staff add here. */
@Controller
class HealthIssuesController {

    private final HealthAccounting accounting;

    HealthIssuesController(HealthAccounting accounting) {
        this.accounting = accounting;
    }

    public static final class IssueForm {
        private String name = "";

        public String getName() { return name; }
        public void setName(String name) { this.name = name; }
    }

    @GetMapping("/company/health-issues")
    String list(Locale locale, Model model) {
        model.addAttribute("form", new IssueForm());
        return view(locale, model);
    }

    @PostMapping("/company/health-issues")
    String add(@ModelAttribute("form") IssueForm form, BindingResult errors, Locale locale, Model model,
            RedirectAttributes redirect) {
        try {
            accounting.addOwnHealthIssue(form.getName());
        } catch (AccountingException e) {
            FormErrors.reject(errors, e, "accounting.issue.name", "name");
            return view(locale, model);
        }
        redirect.addFlashAttribute("done", "accounting.issues.added");
        return "redirect:/company/health-issues";
    }

    private String view(Locale locale, Model model) {
        var issues = accounting.healthIssues(!"en".equals(locale.getLanguage()));
        model.addAttribute("standardIssues", issues.stream().filter(HealthAccounting.HealthIssue::standard).toList());
        model.addAttribute("ownIssues", issues.stream().filter(i -> !i.standard()).toList());
        return "accounting/health-issues";
    }
}
