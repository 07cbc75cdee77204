package jp.hip.web.phr;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jp.hip.identity.SignedInUser;
import jp.hip.phr.Accessor;
import jp.hip.phr.DataCategory;
import jp.hip.phr.ObservationCode;
import jp.hip.phr.PhrException;
import jp.hip.phr.checkup.MyCheckups;
import jp.hip.phr.access.PhrConsents;
import jp.hip.phr.medication.PhrMedications;
import jp.hip.phr.observations.CodeTable;
import jp.hip.phr.observations.PhrObservations;
import jp.hip.phr.persons.PhrPersons;
import jp.hip.web.PageNotFoundException;

/**
 * The individual's pages: their records with charts and their consents (grant, one-click withdrawal). Who read their
 * data, export and deletion are {@link PersonalRightsController}. The individual sees only their own person.
 */
@Controller
@RequestMapping("/me")
class PersonalRecordsController {

    private final PhrPersons persons;
    private final PhrObservations observations;
    private final CodeTable codes;
    private final PhrMedications medications;
    private final PhrConsents consents;
    private final MyCheckups checkups;

    PersonalRecordsController(PhrPersons persons, PhrObservations observations, CodeTable codes,
            PhrMedications medications, PhrConsents consents, MyCheckups checkups) {
        this.checkups = checkups;
        this.persons = persons;
        this.observations = observations;
        this.codes = codes;
        this.medications = medications;
        this.consents = consents;
    }

    static Accessor me(SignedInUser me) {
        return Accessor.individual(me.tenantId(), me.id().toString(), me.displayName(), Accessor.Channel.PAGE);
    }

    @GetMapping("/records")
    String records(@AuthenticationPrincipal SignedInUser me, @RequestParam(required = false) String code, Model model) {
        Accessor accessor = me(me);
        if (!persons.hasRecords(accessor)) {
            return "phr/no-records";
        }
        // coded and text checkup items (問診, 判定) are shown per checkup below, beside the values
        model.addAttribute("latest", observations.myLatest(accessor).stream().filter(p -> p.value() != null).toList());
        model.addAttribute("checkups", checkups.mine(accessor, 4));
        model.addAttribute("medications", medications.myMedications(accessor, 50));
        Optional<ObservationCode> selected = Optional.ofNullable(code).flatMap(codes::code)
                .or(() -> codes.code("9N006000000000001"));
        if (code != null && Optional.ofNullable(code).flatMap(codes::code).isEmpty()) {
            throw new PageNotFoundException();
        }
        ObservationCode chartCode = selected.orElseThrow();
        var points = observations.myTimeline(accessor, Optional.of(chartCode.code()), 400);
        model.addAttribute("code", chartCode);
        model.addAttribute("points", points);
        model.addAttribute("chart", points.isEmpty() ? null : LineChart.of(chartCode, points));
        model.addAttribute("codes", codes.codes());
        return "phr/records";
    }

    @GetMapping("/consents")
    String consents(@AuthenticationPrincipal SignedInUser me, Model model) {
        Accessor accessor = me(me);
        if (!persons.hasRecords(accessor)) {
            return "phr/no-records";
        }
        model.addAttribute("consents", consents.myConsents(accessor));
        model.addAttribute("holders", persons.myHolders(accessor));
        model.addAttribute("categories", DataCategory.values());
        model.addAttribute("today", LocalDate.now(LineChart.JAPAN));
        return "phr/consents";
    }

    @PostMapping("/consents")
    String grant(@AuthenticationPrincipal SignedInUser me, @RequestParam String recipient, @RequestParam String category,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            RedirectAttributes redirect) {
        Accessor accessor = me(me);
        UUID recipientId;
        DataCategory dataCategory;
        LocalDate start;
        LocalDate end;
        try {
            recipientId = UUID.fromString(recipient);
            dataCategory = DataCategory.valueOf(category);
            start = from == null || from.isBlank() ? LocalDate.of(2000, 1, 1) : parseDate(from);
            end = to == null || to.isBlank() ? null : parseDate(to);
        } catch (RuntimeException e) {
            redirect.addFlashAttribute("failed", "phr.consents.invalid");
            return "redirect:/me/consents";
        }
        if (persons.myHolders(accessor).stream().noneMatch(h -> h.tenantId().equals(recipientId))) {
            redirect.addFlashAttribute("failed", "phr.consents.invalid");
            return "redirect:/me/consents";
        }
        if (end != null && end.isBefore(start)) {
            redirect.addFlashAttribute("failed", "phr.consents.periodOrder");
            return "redirect:/me/consents";
        }
        consents.grantMyConsent(accessor, recipientId, dataCategory, start, end);
        redirect.addFlashAttribute("done", "phr.consents.granted");
        return "redirect:/me/consents";
    }

    static LocalDate parseDate(String text) {
        String normalized = text.strip().replace('/', '-');
        return LocalDate.parse(normalized, DateTimeFormatter.ofPattern("uuuu-M-d"));
    }

    @PostMapping("/consents/{id}/withdraw")
    String withdraw(@AuthenticationPrincipal SignedInUser me, @PathVariable String id, RedirectAttributes redirect) {
        try {
            consents.withdrawMyConsent(me(me), UUID.fromString(id));
        } catch (IllegalArgumentException | PhrException e) {
            throw new PageNotFoundException();
        }
        redirect.addFlashAttribute("done", "phr.consents.withdrawn");
        return "redirect:/me/consents";
    }

    /** For templates: the codes of one data category, in display order. */
    static List<ObservationCode> ofCategory(List<ObservationCode> codes, DataCategory category) {
        return codes.stream().filter(c -> c.dataCategory() == category).toList();
    }
}
