package jp.hip.web.phr;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import jp.hip.identity.SignedInUser;
import jp.hip.phr.Accessor;
import jp.hip.phr.aggregates.MembersOverviews;
import jp.hip.phr.checkup.CodedItemsOverview;
import jp.hip.phr.aggregates.MembersOverviews.ItemSummary;
import jp.hip.phr.aggregates.MembersOverviews.MembersOverview;

/**
 * Insurer staff: the members overview (ui.md: counts only). Per checkup item, how many consenting members have a
 * value in the 年度 and how many lie outside the 保健指導判定値, beside the year before; small cells shown as ×.
 */
@Controller
@RequestMapping("/insurer/members")
class MembersOverviewController {

    /** One row of the table and the chart: this year and the year before. */
    record Row(ItemSummary item, ItemSummary previous, int barLength) {}

    private final MembersOverviews records;
    private final MessageSource messages;
    private final CodedItemsOverview coded;

    MembersOverviewController(MembersOverviews records, MessageSource messages, CodedItemsOverview coded) {
        this.records = records;
        this.messages = messages;
        this.coded = coded;
    }

    private static Accessor insurer(SignedInUser me) {
        return Accessor.tenant(me.tenantId(), me.id().toString(), me.displayName(), Accessor.Channel.PAGE);
    }

    @GetMapping
    String overview(@AuthenticationPrincipal SignedInUser me, @RequestParam(required = false) Integer year, Model model) {
        Accessor insurer = insurer(me);
        List<Integer> years = records.checkupYears(insurer);
        int shown = year != null ? year : years.isEmpty() ? jp.hip.accounting.FiscalYear.current().startYear() : years.get(0);
        MembersOverview overview = records.membersOverview(insurer, shown);
        MembersOverview before = records.membersOverview(insurer, shown - 1);
        model.addAttribute("years", years);
        model.addAttribute("year", shown);
        model.addAttribute("overview", overview);
        List<Row> rows = rows(overview, before);
        model.addAttribute("rows", rows);
        model.addAttribute("chartRows", rows.stream().filter(r -> r.item().judged()).toList());
        model.addAttribute("minCell", MembersOverviews.MIN_CELL);
        model.addAttribute("coded", coded.overview(insurer, shown));
        return "phr/members-overview";
    }

    /** The table as shown, for Excel ({@link jp.hip.identity.ExcelCsv}): × for suppressed cells and - for not computable. */
    @GetMapping("/overview.csv")
    ResponseEntity<byte[]> csv(@AuthenticationPrincipal SignedInUser me, @RequestParam int year, Locale locale) {
        Accessor insurer = insurer(me);
        List<Row> rows = rows(records.membersOverview(insurer, year), records.membersOverview(insurer, year - 1));
        List<List<String>> csv = new ArrayList<>();
        csv.add(List.of("item", "unit", "persons", "outside", "share", "previousShare", "mean").stream()
                .map(k -> messages.getMessage("phr.members.col." + k, null, k, locale)).toList());
        for (Row r : rows) {
            ItemSummary i = r.item();
            csv.add(java.util.Arrays.asList(i.nameJa(), i.unit(), cell(i.persons()),
                    i.judged() ? cell(i.outside()) : "-", i.judged() ? share(i.outsideShare(), i.persons(), i.outside()) : "-",
                    r.previous().judged() ? share(r.previous().outsideShare(), r.previous().persons(), r.previous().outside()) : "-",
                    i.mean() == null ? (i.persons() != null && i.persons() == 0 ? "-" : "×") : i.mean().toPlainString()));
        }
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("members-overview-" + year + ".csv").build().toString())
                .body(jp.hip.identity.ExcelCsv.write(csv));
    }

    private static List<Row> rows(MembersOverview overview, MembersOverview before) {
        List<Row> rows = new ArrayList<>();
        for (int n = 0; n < overview.items().size(); n++) {
            ItemSummary item = overview.items().get(n);
            ItemSummary previous = before.items().get(n);
            BigDecimal share = item.outsideShare();
            rows.add(new Row(item, previous, share == null ? 0 : share.multiply(BigDecimal.valueOf(3)).intValue()));
        }
        return rows;
    }

    private static String cell(Integer count) {
        return count == null ? "×" : count.toString();
    }

    private static String share(BigDecimal share, Integer persons, Integer outside) {
        if (persons != null && persons == 0) {
            return "-";
        }
        return share == null ? "×" : share.toPlainString();
    }
}
