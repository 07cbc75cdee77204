package jp.hip.web.accounting;

import java.util.Locale;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
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
 * node, or delete the year's map with its versions after a confirmation.
 */
@Controller
class StrategyMapController {

    private final StrategyMaps accounting;

    StrategyMapController(StrategyMaps accounting) {
        this.accounting = accounting;
    }

    @GetMapping("/company/strategy-map")
    String show(@RequestParam(required = false) Integer year, @RequestParam(required = false) Integer version, Model model) {
        FiscalYear fy = Years.of(year);
        var map = accounting.strategyMap(fy, version).orElse(null);
        StrategyGraph graph = map == null ? StrategyGraph.empty() : map.graph();
        model.addAttribute("year", fy);
        model.addAttribute("map", map);
        model.addAttribute("savedAt", map == null ? "" : java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                .withZone(java.time.ZoneId.of("Asia/Tokyo")).format(map.savedAt()));
        model.addAttribute("graph", graph);
        model.addAttribute("diagram", StrategyDiagram.of(graph));
        model.addAttribute("kinds", StrategyNodeKind.values());
        return "accounting/strategy-map";
    }

    @PostMapping("/company/strategy-map/nodes")
    String addNode(@RequestParam int year, @RequestParam(required = false) StrategyNodeKind kind,
            @RequestParam(required = false) String label, RedirectAttributes redirect) {
        return edit(year, g -> g.withNode(kind, label), redirect);
    }

    @PostMapping("/company/strategy-map/edges")
    String addEdge(@RequestParam int year, @RequestParam String from, @RequestParam String to, RedirectAttributes redirect) {
        return edit(year, g -> g.withEdge(from, to), redirect);
    }

    @PostMapping("/company/strategy-map/nodes/delete")
    String deleteNode(@RequestParam int year, @RequestParam String key, RedirectAttributes redirect) {
        return edit(year, g -> g.withoutNode(key), redirect);
    }

    @PostMapping("/company/strategy-map/nodes/rename")
    String renameNode(@RequestParam int year, @RequestParam String key, @RequestParam(required = false) String label,
            RedirectAttributes redirect) {
        return edit(year, g -> g.withLabel(key, label), redirect);
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
