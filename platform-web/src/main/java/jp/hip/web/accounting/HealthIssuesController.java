package jp.hip.web.accounting;

import java.util.Locale;
import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jp.hip.accounting.AccountingException;
import jp.hip.accounting.HealthAccounting;
import jp.hip.accounting.HealthIssues;
import jp.hip.web.FormErrors;
import jp.hip.web.PageNotFoundException;

/** 健康課題: the nine standard categories (read-only) and the company's own, which HR staff add, rename and delete. */
@Controller
class HealthIssuesController {

    private final HealthAccounting accounting;
    private final HealthIssues issues;

    HealthIssuesController(HealthAccounting accounting, HealthIssues issues) {
        this.accounting = accounting;
        this.issues = issues;
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
            issues.addOwnHealthIssue(form.getName());
        } catch (AccountingException e) {
            FormErrors.reject(errors, e, "accounting.issue.name", "name");
            return view(locale, model);
        }
        redirect.addFlashAttribute("done", "accounting.issues.added");
        return "redirect:/company/health-issues";
    }

    @GetMapping("/company/health-issues/{id}/edit")
    String edit(@PathVariable String id, Model model) {
        var issue = find(id);
        IssueForm form = new IssueForm();
        form.setName(issue.name());
        model.addAttribute("form", form);
        model.addAttribute("issue", issue);
        return "accounting/health-issue-edit";
    }

    @PostMapping("/company/health-issues/{id}/edit")
    String rename(@PathVariable String id, @ModelAttribute("form") IssueForm form, BindingResult errors, Model model,
            RedirectAttributes redirect) {
        var issue = find(id);
        try {
            issues.renameOwnHealthIssue(UUID.fromString(issue.key()), form.getName());
        } catch (AccountingException e) {
            FormErrors.reject(errors, e, "accounting.issue.name", "name");
            model.addAttribute("issue", issue);
            return "accounting/health-issue-edit";
        }
        redirect.addFlashAttribute("done", "accounting.issue.renamed");
        return "redirect:/company/health-issues";
    }

    @GetMapping("/company/health-issues/{id}/delete")
    String confirmDelete(@PathVariable String id, Model model) {
        var d = issues.deletion(UUID.fromString(find(id).key())).orElseThrow(PageNotFoundException::new);
        model.addAttribute("title", "accounting.issue.delete.title");
        model.addAttribute("subject", d.name());
        model.addAttribute("consequence", d.measures() > 0 ? "accounting.issue.inUseCount" : "accounting.issue.delete.consequence");
        model.addAttribute("args", d.measures() > 0 ? new Object[] {d.measures()} : null);
        model.addAttribute("action", d.measures() > 0 ? null : "/company/health-issues/" + d.issueId() + "/delete");
        model.addAttribute("cancel", "/company/health-issues");
        return "accounting/confirm";
    }

    @PostMapping("/company/health-issues/{id}/delete")
    String delete(@PathVariable String id, RedirectAttributes redirect) {
        var issue = find(id);
        try {
            issues.deleteOwnHealthIssue(UUID.fromString(issue.key()));
            redirect.addFlashAttribute("done", "accounting.issue.deleted");
        } catch (AccountingException e) {
            redirect.addFlashAttribute("failed", e.messageKey());
        }
        return "redirect:/company/health-issues";
    }

    private HealthAccounting.HealthIssue find(String id) {
        UUID uuid = FormErrors.uuidOrNull(id);
        return (uuid == null ? java.util.Optional.<HealthAccounting.HealthIssue>empty() : issues.ownIssue(uuid))
                .orElseThrow(PageNotFoundException::new);
    }

    private String view(Locale locale, Model model) {
        var issues = accounting.healthIssues(!"en".equals(locale.getLanguage()));
        model.addAttribute("standardIssues", issues.stream().filter(HealthAccounting.HealthIssue::standard).toList());
        model.addAttribute("ownIssues", issues.stream().filter(i -> !i.standard()).toList());
        return "accounting/health-issues";
    }
}
