package jp.hip.web.accounting;

import java.util.Locale;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

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
import jp.hip.accounting.resources.HealthIssues;
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

    /** The company's own health issue, by name (ADR 0097, 0087); the limit is the column's (V21). */
    public record IssueForm(@NotBlank(message = "{accounting.issue.name.required}")
            @Size(max = 200, message = "{accounting.issue.name.required}") String name) {

        static IssueForm empty() {
            return new IssueForm("");
        }
    }

    @GetMapping("/company/health-issues")
    String list(Locale locale, Model model) {
        model.addAttribute("form", IssueForm.empty());
        return view(locale, model);
    }

    @PostMapping("/company/health-issues")
    String add(@Valid @ModelAttribute("form") IssueForm form, BindingResult errors, Locale locale, Model model,
            RedirectAttributes redirect) {
        if (errors.hasErrors()) {
            return view(locale, model);
        }
        try {
            issues.addOwnHealthIssue(form.name());
        } catch (AccountingException e) {
            FormErrors.reject(errors, e, "accounting.issue.name", "name");
            return view(locale, model);
        }
        redirect.addFlashAttribute("done", "accounting.issues.added");
        return "redirect:/company/health-issues";
    }

    @GetMapping("/company/health-issues/{id}/edit")
    String edit(@PathVariable UUID id, Model model) {
        var issue = find(id);
        model.addAttribute("form", new IssueForm(issue.name()));
        model.addAttribute("issue", issue);
        return "accounting/health-issue-edit";
    }

    @PostMapping("/company/health-issues/{id}/edit")
    String rename(@PathVariable UUID id, @Valid @ModelAttribute("form") IssueForm form, BindingResult errors, Model model,
            RedirectAttributes redirect) {
        var issue = find(id);
        if (errors.hasErrors()) {
            model.addAttribute("issue", issue);
            return "accounting/health-issue-edit";
        }
        try {
            issues.renameOwnHealthIssue(UUID.fromString(issue.key()), form.name());
        } catch (AccountingException e) {
            FormErrors.reject(errors, e, "accounting.issue.name", "name");
            model.addAttribute("issue", issue);
            return "accounting/health-issue-edit";
        }
        redirect.addFlashAttribute("done", "accounting.issue.renamed");
        return "redirect:/company/health-issues";
    }

    @GetMapping("/company/health-issues/{id}/delete")
    String confirmDelete(@PathVariable UUID id, Model model) {
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
    String delete(@PathVariable UUID id, RedirectAttributes redirect) {
        var issue = find(id);
        try {
            issues.deleteOwnHealthIssue(UUID.fromString(issue.key()));
            redirect.addFlashAttribute("done", "accounting.issue.deleted");
        } catch (AccountingException e) {
            redirect.addFlashAttribute("failed", e.messageKey());
        }
        return "redirect:/company/health-issues";
    }

    private HealthAccounting.HealthIssue find(UUID id) {
        return issues.ownIssue(id).orElseThrow(PageNotFoundException::new);
    }

    private String view(Locale locale, Model model) {
        var issues = accounting.healthIssues(!"en".equals(locale.getLanguage()));
        model.addAttribute("standardIssues", issues.stream().filter(HealthAccounting.HealthIssue::standard).toList());
        model.addAttribute("ownIssues", issues.stream().filter(i -> !i.standard()).toList());
        return "accounting/health-issues";
    }
}
