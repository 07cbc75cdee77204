package jp.hip.guidelines.publicregister;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.persistence.EntityManager;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import jp.hip.guidelines.GuidelineException;
import jp.hip.guidelines.declarations.Declaration;
import jp.hip.guidelines.declarations.DeclarationRecords;
import jp.hip.guidelines.declarations.DeclarationStatus;
import jp.hip.guidelines.declarations.DeclarationsRepository;
import jp.hip.guidelines.guideline.Guideline;
import jp.hip.identity.CrossTenantScope;
import jp.hip.identity.CurrentTenant;

/**
 * The public side of the registry (no sign-in): the list and its export, the permalink of a registration number
 * and the verification API. Runs in the database scope {@link CrossTenantScope#PUBLIC} (read-only, ADR 0090), and returns declarations in a public status only (掲載中 and the ended
 * ones, never 下書き, 提出済み or 不受理).
 */
@Service
public class PublicRegister {

    public static final int MAX_BATCH = 100;

    private final DeclarationsRepository declarations;
    private final DeclarationRecords records;
    private final EntityManager em;
    private final TransactionTemplate tx;
    private final PublicListCache cache;

    PublicRegister(DeclarationsRepository declarations, DeclarationRecords records, EntityManager em, TransactionTemplate tx,
            PublicListCache cache) {
        this.declarations = declarations;
        this.records = records;
        this.em = em;
        this.tx = tx;
        this.cache = cache;
    }

    /**
     * One page of the list (0-based). A page before the first or after the last answers the nearest existing page
     * (the returned {@link PublicPage#page()} says which), so no page number can overflow the offset. A page this
     * node computed before is reused while the registry's revision and the day are unchanged ({@link PublicListCache}).
     */
    public PublicPage publicList(PublicQuery query, int page, int size) {
        int safeSize = Math.max(1, Math.min(size, 200));
        LocalDate today = records.today();
        return cache.page(new PublicListCache.Key(query, page, safeSize, today), () -> computeList(query, page, safeSize, today));
    }

    private PublicPage computeList(PublicQuery query, int page, int safeSize, LocalDate today) {
        return CurrentTenant.runInScope(CrossTenantScope.PUBLIC, "public register", () -> tx.execute(s -> {
            long total = PublicListQuery.count(em, query, today);
            int last = (int) Math.max(0, (total - 1) / safeSize);
            int safePage = Math.max(0, Math.min(page, last));
            List<PublicEntry> entries = PublicListQuery.find(em, query, today, safePage * safeSize, safeSize).stream()
                    .map(d -> d.publicEntry(today)).toList();
            return new PublicPage(entries, total, safePage, safeSize);
        }));
    }

    /** Every public entry matching the filters, for the CSV export. */
    public List<PublicEntry> publicExport(PublicQuery query) {
        LocalDate today = records.today();
        return CurrentTenant.runInScope(CrossTenantScope.PUBLIC, "public register", () -> tx.execute(s -> PublicListQuery.find(em, query, today, 0, 0).stream()
                .map(d -> d.publicEntry(today)).toList()));
    }

    /** The permalink: the newest public generation of a registration number and the earlier ones. */
    public Optional<PublicEntryDetail> publicEntry(String registrationNo) {
        if (!Guideline.isRegistrationNumber(registrationNo)) {
            return Optional.empty();
        }
        LocalDate today = records.today();
        return CurrentTenant.runInScope(CrossTenantScope.PUBLIC, "public register", () -> tx.execute(s -> {
            List<PublicEntry> all = declarations.findByRegistrationNoAndStatusInOrderByGenerationDesc(registrationNo,
                    DeclarationStatus.PUBLIC).stream().map(d -> d.publicEntry(today)).toList();
            return all.isEmpty() ? Optional.<PublicEntryDetail>empty()
                    : Optional.of(new PublicEntryDetail(all.get(0), all.subList(1, all.size())));
        }));
    }

    /** Verifies up to {@value #MAX_BATCH} registration numbers at once; unknown or non-public ones come back empty. */
    public List<Verification> verify(List<String> given) {
        if (given == null || given.isEmpty()) {
            throw new GuidelineException("guidelines.verify.none");
        }
        if (given.size() > MAX_BATCH) {
            throw new GuidelineException("guidelines.verify.tooMany", given.size());
        }
        List<String> registrationNos = new java.util.ArrayList<>();
        List<VerificationException.Malformed> malformed = new java.util.ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            String no = normalise(given.get(i));
            if (Guideline.isRegistrationNumber(no)) {
                if (!registrationNos.contains(no)) {
                    registrationNos.add(no);
                }
            } else {
                String raw = given.get(i) == null ? "" : given.get(i);
                malformed.add(new VerificationException.Malformed(i + 1, raw.length() > 32 ? raw.substring(0, 32) : raw));
            }
        }
        if (!malformed.isEmpty()) {
            List<String> unknown = newestPublic(registrationNos).entrySet().stream()
                    .filter(e -> e.getValue() == null).map(Map.Entry::getKey).toList();
            throw new VerificationException(malformed, unknown);
        }
        return newestPublic(registrationNos).entrySet().stream().map(e -> new Verification(e.getKey(), e.getValue())).toList();
    }

    /** 「hg-0001」, 「ＨＧ－０００１」 and 「 HG-0001 」 are HG-0001: full-width forms folded (NFKC), case ignored. */
    static String normalise(String given) {
        if (given == null) {
            return "";
        }
        String folded = java.text.Normalizer.normalize(given, java.text.Normalizer.Form.NFKC).strip().toUpperCase(java.util.Locale.ROOT);
        return folded.replace('\u2212', '-').replace('\u2010', '-').replace('\u2011', '-');
    }

    /** Each number (in the order given) with its newest public generation, or null when it has none. */
    private Map<String, PublicEntry> newestPublic(List<String> registrationNos) {
        LocalDate today = records.today();
        return CurrentTenant.runInScope(CrossTenantScope.PUBLIC, "public register", () -> tx.execute(s -> {
            Map<String, PublicEntry> newest = new LinkedHashMap<>();
            em.createQuery("select d from Declaration d where d.registrationNo in :nos and d.status in :statuses "
                            + "order by d.registrationNo, d.generation desc", Declaration.class)
                    .setParameter("nos", registrationNos.isEmpty() ? Set.of("") : Set.copyOf(registrationNos))
                    .setParameter("statuses", DeclarationStatus.PUBLIC)
                    .getResultList()
                    .forEach(d -> newest.putIfAbsent(d.registrationNo(), d.publicEntry(today)));
            Map<String, PublicEntry> answer = new LinkedHashMap<>();
            registrationNos.forEach(no -> answer.put(no, newest.get(no)));
            return answer;
        }));
    }
}
