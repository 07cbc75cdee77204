package jp.hip.web.accounting;

import java.util.Locale;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jp.hip.accounting.AccountingException;
import jp.hip.accounting.FiscalYear;
import jp.hip.accounting.strategy.StrategyMaps;
import jp.hip.accounting.strategy.StrategyGraph;
import jp.hip.accounting.strategy.StrategyNodeKind;

/**
 * 戦略マップ: drawn as a diagram; HR staff edit it node by node and edge by edge, each edit a new version, rename a
 * node, remove a node or delete the year's map with its versions after a confirmation. Refused edits show the page
 * again with the input kept and the error beside its field.
 */
@Controller
class StrategyMapController {

    private final StrategyMaps accounting;

    StrategyMapController(StrategyMaps accounting) {
        this.accounting = accounting;
    }

    /** A new item of the map: its kind and its name, 1–100 characters (the graph's rule). */
    public record NodeForm(@NotNull(message = "{accounting.map.kind.required}") StrategyNodeKind nodeKind,
            @NotBlank(message = "{accounting.map.label.required}") @Size(max = 100, message = "{accounting.map.label.required}")
            String nodeLabel) {}

    /** A link from a cause to its effect, both items of the map. */
    public record EdgeForm(@NotBlank(message = "{accounting.map.edgeUnknownNode}") String from,
            @NotBlank(message = "{accounting.map.edgeUnknownNode}") String to) {}

    /** A new name for one item, 1–100 characters. */
    public record RenameForm(@NotBlank(message = "{accounting.map.edgeUnknownNode}") String node,
            @NotBlank(message = "{accounting.map.label.required}") @Size(max = 100, message = "{accounting.map.label.required}")
            String newLabel) {}

    @GetMapping("/company/strategy-map")
    String show(@RequestParam(required = false) Integer year, @RequestParam(required = false) Integer version, Model model) {
        return view(Years.of(year), version, model);
    }

    /** The map of a 年度 (a version, or the latest) with its forms; those not submitted start empty. */
    private String view(FiscalYear fy, Integer version, Model model) {
        var map = accounting.strategyMap(fy, version).orElse(null);
        StrategyGraph graph = map == null ? StrategyGraph.empty() : map.graph();
        model.addAttribute("year", fy);
        model.addAttribute("map", map);
        model.addAttribute("savedAt", map == null ? "" : java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                .withZone(java.time.ZoneId.of("Asia/Tokyo")).format(map.savedAt()));
        model.addAttribute("graph", graph);
        model.addAttribute("diagram", StrategyDiagram.of(graph));
        model.addAttribute("kinds", StrategyNodeKind.values());
        if (!model.containsAttribute("nodeForm")) {
            model.addAttribute("nodeForm", new NodeForm(null, ""));
        }
        if (!model.containsAttribute("edgeForm")) {
            model.addAttribute("edgeForm", new EdgeForm("", ""));
        }
        if (!model.containsAttribute("renameForm")) {
            model.addAttribute("renameForm", new RenameForm("", ""));
        }
        return "accounting/strategy-map";
    }

    @PostMapping("/company/strategy-map/nodes")
    String addNode(@RequestParam int year, @Valid @ModelAttribute("nodeForm") NodeForm form, BindingResult errors, Model model,
            RedirectAttributes redirect) {
        return errors.hasErrors() ? view(Years.of(year), null, model)
                : edit(year, g -> g.withNode(form.nodeKind(), form.nodeLabel()), errors, model, redirect,
                        "accounting.map.kind", "nodeKind", "accounting.map.label", "nodeLabel", "accounting.map.tooMany", "nodeLabel");
    }

    @PostMapping("/company/strategy-map/edges")
    String addEdge(@RequestParam int year, @Valid @ModelAttribute("edgeForm") EdgeForm form, BindingResult errors, Model model,
            RedirectAttributes redirect) {
        return errors.hasErrors() ? view(Years.of(year), null, model)
                : edit(year, g -> g.withEdge(form.from(), form.to()), errors, model, redirect, "accounting.map.edge", "to",
                        "accounting.map.duplicateEdge", "to");
    }

    @PostMapping("/company/strategy-map/nodes/rename")
    String renameNode(@RequestParam int year, @Valid @ModelAttribute("renameForm") RenameForm form, BindingResult errors, Model model,
            RedirectAttributes redirect) {
        return errors.hasErrors() ? view(Years.of(year), null, model)
                : edit(year, g -> g.withLabel(form.node(), form.newLabel()), errors, model, redirect,
                        "accounting.map.edgeUnknownNode", "node", "accounting.map.label", "newLabel");
    }

    /** Removing an item takes its links with it: the page's button leads here first. */
    @GetMapping("/company/strategy-map/nodes/delete")
    String confirmDeleteNode(@RequestParam int year, @RequestParam String key, Model model) {
        FiscalYear fy = Years.of(year);
        var node = accounting.strategyMap(fy, null).map(m -> m.graph().nodes()).orElse(java.util.List.of()).stream()
                .filter(n -> n.key().equals(key)).findFirst().orElseThrow(jp.hip.web.PageNotFoundException::new);
        model.addAttribute("title", "accounting.map.deleteNode.title");
        model.addAttribute("subject", node.label());
        model.addAttribute("consequence", "accounting.map.deleteNode.consequence");
        model.addAttribute("action", "/company/strategy-map/nodes/delete?year=" + fy.startYear());
        model.addAttribute("hiddenName", "key");
        model.addAttribute("hiddenValue", node.key());
        model.addAttribute("cancel", "/company/strategy-map?year=" + fy.startYear());
        return "accounting/confirm";
    }

    @PostMapping("/company/strategy-map/nodes/delete")
    String deleteNode(@RequestParam int year, @RequestParam String key, RedirectAttributes redirect) {
        return edit(year, g -> g.withoutNode(key), redirect);
    }

    @GetMapping("/company/strategy-map/delete")
    String confirmDelete(@RequestParam int year, Model model) {
        FiscalYear fy = Years.of(year);
        var versions = accounting.versions(fy);
        if (versions.isEmpty()) {
            throw new jp.hip.web.PageNotFoundException();
        }
        model.addAttribute("title", "accounting.map.delete.title");
        model.addAttribute("subject", fy.toString());
        model.addAttribute("consequence", "accounting.map.delete.consequence");
        model.addAttribute("args", new Object[] {versions.size()});
        model.addAttribute("action", "/company/strategy-map/delete?year=" + fy.startYear());
        model.addAttribute("cancel", "/company/strategy-map?year=" + fy.startYear());
        return "accounting/confirm";
    }

    @PostMapping("/company/strategy-map/delete")
    String delete(@RequestParam int year, RedirectAttributes redirect) {
        FiscalYear fy = Years.of(year);
        try {
            accounting.deleteStrategyMap(fy);
            redirect.addFlashAttribute("done", "accounting.map.deleted");
        } catch (AccountingException e) {
            redirect.addFlashAttribute("failed", e.messageKey());
        }
        return "redirect:/company/strategy-map?year=" + fy.startYear();
    }

    /** Removing a link: the page's button leads here first. */
    @GetMapping("/company/strategy-map/edges/delete")
    String confirmDeleteEdge(@RequestParam int year, @RequestParam String from, @RequestParam String to, Model model) {
        FiscalYear fy = Years.of(year);
        StrategyGraph graph = accounting.strategyMap(fy, null).map(m -> m.graph()).orElseThrow(jp.hip.web.PageNotFoundException::new);
        if (graph.edges().stream().noneMatch(e -> e.from().equals(from) && e.to().equals(to))) {
            throw new jp.hip.web.PageNotFoundException();
        }
        model.addAttribute("title", "accounting.map.deleteEdge.title");
        model.addAttribute("subject", graph.node(from).label() + " → " + graph.node(to).label());
        model.addAttribute("consequence", "accounting.map.deleteEdge.consequence");
        model.addAttribute("action", org.springframework.web.util.UriComponentsBuilder.fromPath("/company/strategy-map/edges/delete")
                .queryParam("year", fy.startYear()).queryParam("from", from).queryParam("to", to).encode().build().toUriString());
        model.addAttribute("cancel", "/company/strategy-map?year=" + fy.startYear());
        return "accounting/confirm";
    }

    @PostMapping("/company/strategy-map/edges/delete")
    String deleteEdge(@RequestParam int year, @RequestParam String from, @RequestParam String to, RedirectAttributes redirect) {
        return edit(year, g -> g.withoutEdge(from, to), redirect);
    }

    @PostMapping("/company/strategy-map/draft")
    String draft(@RequestParam int year, Locale locale, RedirectAttributes redirect) {
        FiscalYear fy = Years.of(year);
        try {
            accounting.draftStrategyMapFromEntries(fy, !"en".equals(locale.getLanguage()));
            redirect.addFlashAttribute("done", "accounting.map.saved");
        } catch (AccountingException e) {
            redirect.addFlashAttribute("failed", e.messageKey());
        }
        return "redirect:/company/strategy-map?year=" + fy.startYear();
    }

    /** An edit from one of the page's forms: a rule of the graph it breaks goes beside its field (prefix, field pairs). */
    private String edit(int year, java.util.function.UnaryOperator<StrategyGraph> change, BindingResult errors, Model model,
            RedirectAttributes redirect, String... prefixesAndFields) {
        FiscalYear fy = Years.of(year);
        try {
            accounting.editStrategyMap(fy, change);
            redirect.addFlashAttribute("done", "accounting.map.saved");
            return "redirect:/company/strategy-map?year=" + fy.startYear();
        } catch (AccountingException e) {
            Refusals.add(errors, e, null, prefixesAndFields);
            return view(fy, null, model);
        }
    }

    private String edit(int year, java.util.function.UnaryOperator<StrategyGraph> change, RedirectAttributes redirect) {
        FiscalYear fy = Years.of(year);
        try {
            accounting.editStrategyMap(fy, change);
            redirect.addFlashAttribute("done", "accounting.map.saved");
        } catch (AccountingException e) {
            redirect.addFlashAttribute("failed", e.messageKey());
        }
        return "redirect:/company/strategy-map?year=" + fy.startYear();
    }
}
