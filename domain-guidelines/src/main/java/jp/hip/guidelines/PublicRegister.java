package jp.hip.guidelines;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.persistence.EntityManager;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import jp.hip.identity.CurrentTenant;

/**
 * The public side of the registry (no sign-in): the list and its export, the permalink of a registration number
 * and the verification API. Runs as system, and returns declarations in a public status only (掲載中 and the ended
 * ones, never 下書き, 提出済み or 不受理).
 */
@Service
public class PublicRegister {

    public static final int MAX_BATCH = 100;

    private final DeclarationsRepository declarations;
    private final DeclarationRecords records;
    private final EntityManager em;
    private final TransactionTemplate tx;

    PublicRegister(DeclarationsRepository declarations, DeclarationRecords records, EntityManager em, TransactionTemplate tx) {
        this.declarations = declarations;
        this.records = records;
        this.em = em;
        this.tx = tx;
    }

    public PublicPage publicList(PublicQuery query, int page, int size) {
        int safeSize = Math.max(1, Math.min(size, 200));
        int safePage = Math.max(0, page);
        LocalDate today = records.today();
        return CurrentTenant.runAsSystem(() -> tx.execute(s -> {
            long total = PublicListQuery.count(em, query, today);
            List<PublicEntry> entries = PublicListQuery.find(em, query, today, safePage * safeSize, safeSize).stream()
                    .map(d -> d.publicEntry(today)).toList();
            return new PublicPage(entries, total, safePage, safeSize);
        }));
    }

    /** Every public entry matching the filters, for the CSV export. */
    public List<PublicEntry> publicExport(PublicQuery query) {
        LocalDate today = records.today();
        return CurrentTenant.runAsSystem(() -> tx.execute(s -> PublicListQuery.find(em, query, today, 0, 0).stream()
                .map(d -> d.publicEntry(today)).toList()));
    }

    /** The permalink: the newest public generation of a registration number and the earlier ones. */
    public Optional<PublicEntryDetail> publicEntry(String registrationNo) {
        if (!Guideline.isRegistrationNumber(registrationNo)) {
            return Optional.empty();
        }
        LocalDate today = records.today();
        return CurrentTenant.runAsSystem(() -> tx.execute(s -> {
            List<PublicEntry> all = declarations.findByRegistrationNoAndStatusInOrderByGenerationDesc(registrationNo,
                    DeclarationStatus.PUBLIC).stream().map(d -> d.publicEntry(today)).toList();
            return all.isEmpty() ? Optional.<PublicEntryDetail>empty()
                    : Optional.of(new PublicEntryDetail(all.get(0), all.subList(1, all.size())));
        }));
    }

    /** Verifies up to {@value #MAX_BATCH} registration numbers at once; unknown or non-public ones come back empty. */
    public List<Verification> verify(List<String> registrationNos) {
        if (registrationNos == null || registrationNos.isEmpty()) {
            throw new GuidelineException("guidelines.verify.none");
        }
        if (registrationNos.size() > MAX_BATCH) {
            throw new GuidelineException("guidelines.verify.tooMany");
        }
        for (String no : registrationNos) {
            if (!Guideline.isRegistrationNumber(no)) {
                throw new GuidelineException("guidelines.verify.malformed");
            }
        }
        LocalDate today = records.today();
        return CurrentTenant.runAsSystem(() -> tx.execute(s -> {
            Map<String, PublicEntry> newest = new LinkedHashMap<>();
            em.createQuery("select d from Declaration d where d.registrationNo in :nos and d.status in :statuses "
                            + "order by d.registrationNo, d.generation desc", Declaration.class)
                    .setParameter("nos", Set.copyOf(registrationNos))
                    .setParameter("statuses", DeclarationStatus.PUBLIC)
                    .getResultList()
                    .forEach(d -> newest.putIfAbsent(d.registrationNo(), d.publicEntry(today)));
            return registrationNos.stream().map(no -> new Verification(no, newest.get(no))).toList();
        }));
    }
}
