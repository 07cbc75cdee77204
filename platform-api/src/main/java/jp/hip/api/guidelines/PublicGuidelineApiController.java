package jp.hip.api.guidelines;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jp.hip.guidelines.publicregister.PublicEntry;
import jp.hip.guidelines.publicregister.PublicRegister;
import jp.hip.guidelines.publicregister.Verification;

/**
 * The read-only verification API of the guideline list (no token): is a registration number listed, and may its
 * logo be shown today? One number, or up to {@value PublicRegister#MAX_BATCH} at once (like IAF CertSearch).
 * Only public statuses are ever answered; drafts, submissions and non-accepted declarations do not exist here.
 */
@RestController
@RequestMapping("/api/v1/public/guidelines")
@Tag(name = "Guideline registry (public)")
class PublicGuidelineApiController {

    private final PublicRegister register;
    private final MessageSource messages;

    PublicGuidelineApiController(PublicRegister register, MessageSource messages) {
        this.register = register;
        this.messages = messages;
    }

    /** One entry as of today; {@code status} is the word shown on the list (掲載中, 失効, …). */
    record EntryResponse(String registrationNo, boolean found, String status, String statusLabel, Boolean logoValid,
            Integer generation, String associationName, String title, String kind, String serviceCategory,
            String versionLabel, LocalDate versionDatedOn, LocalDate declaredOn, LocalDate listedOn,
            LocalDate validFrom, LocalDate validUntil, String permalink, String logo) {}

    /** {@code unknown} names the well-formed numbers that are not on the list (their results say found: false). */
    record BatchResponse(LocalDate asOf, int count, List<EntryResponse> results, List<String> unknown) {}

    @GetMapping("/{registrationNo}")
    @Operation(summary = "Verify one registration number (no token needed)")
    ResponseEntity<EntryResponse> one(@PathVariable String registrationNo) {
        Verification v = register.verify(List.of(registrationNo)).get(0);
        if (!v.found()) {
            throw new GuidelineApiProblems.UnknownNumber(v.registrationNo());
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(response(v));
    }

    @GetMapping
    @Operation(summary = "Verify up to 100 comma-separated registration numbers (no token needed); lower case and "
            + "full-width forms are normalised; a malformed one is a 400 problem naming its position")
    ResponseEntity<BatchResponse> batch(@RequestParam(defaultValue = "") String numbers) {
        List<String> list = Arrays.stream(numbers.split(",", -1)).map(String::strip).filter(s -> !s.isEmpty()).toList();
        List<Verification> verified = register.verify(list);
        List<EntryResponse> results = verified.stream().map(this::response).toList();
        List<String> unknown = verified.stream().filter(v -> !v.found()).map(Verification::registrationNo).toList();
        return ResponseEntity.ok().cacheControl(CacheControl.noCache())
                .body(new BatchResponse(LocalDate.now(java.time.ZoneId.of("Asia/Tokyo")), results.size(), results, unknown));
    }

    private EntryResponse response(Verification v) {
        PublicEntry e = v.entry();
        if (e == null) {
            return new EntryResponse(v.registrationNo(), false, null, null, null, null, null, null, null, null, null,
                    null, null, null, null, null, null, null);
        }
        String base = ServletUriComponentsBuilder.fromCurrentContextPath().toUriString() + "/guidelines/" + e.registrationNo();
        return new EntryResponse(e.registrationNo(), true, e.status().name(),
                messages.getMessage("guidelines.status." + e.status(), null, e.status().name(), Locale.JAPANESE),
                e.logoValid(), e.generation(), e.associationName(), e.title(), e.kind().name(), e.serviceCategory().name(),
                e.versionLabel(), e.versionDatedOn(), e.declaredOn(), e.listedOn(), e.validFrom(), e.validUntil(),
                base, base + "/logo.svg");
    }
}
