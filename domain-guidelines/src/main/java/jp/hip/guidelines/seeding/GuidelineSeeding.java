package jp.hip.guidelines.seeding;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.EntityManager;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import jp.hip.guidelines.Actor;
import jp.hip.guidelines.Party;
import jp.hip.guidelines.association.Association;
import jp.hip.guidelines.association.AssociationKind;
import jp.hip.guidelines.association.AssociationsRepository;
import jp.hip.guidelines.comments.CommentsRepository;
import jp.hip.guidelines.comments.ReviewComment;
import jp.hip.guidelines.comments.Visibility;
import jp.hip.guidelines.declarations.Answer;
import jp.hip.guidelines.declarations.AnswerInput;
import jp.hip.guidelines.declarations.Declaration;
import jp.hip.guidelines.declarations.DeclarationRecords;
import jp.hip.guidelines.declarations.DeclarationStatus;
import jp.hip.guidelines.declarations.DeclarationsRepository;
import jp.hip.guidelines.declarations.FormType;
import jp.hip.guidelines.declarations.StatusTransition;
import jp.hip.guidelines.declarations.TransitionsRepository;
import jp.hip.guidelines.guideline.Guideline;
import jp.hip.guidelines.guideline.GuidelineVersion;
import jp.hip.guidelines.guideline.GuidelinesRepository;
import jp.hip.guidelines.guideline.VersionsRepository;
import jp.hip.guidelines.rules.ChecklistItem;
import jp.hip.guidelines.rules.ChecklistItemsRepository;
import jp.hip.identity.CurrentTenant;

/**
 * Back-dated history for the demo data ({@code jp.hip.demo.GuidelineDemoData}) and the benchmarks, never called by a
 * page or an API: with no signed-in user it writes a guideline (or a revision) and drives one declaration through the
 * aggregate's own transitions on the seed's dates. Kept apart from the three actors' services so that no production
 * path can reach it by accident.
 */
@Component
public class GuidelineSeeding {

    private final AssociationsRepository associations;
    private final GuidelinesRepository guidelines;
    private final VersionsRepository versions;
    private final DeclarationsRepository declarations;
    private final TransitionsRepository transitions;
    private final CommentsRepository comments;
    private final ChecklistItemsRepository checklistItems;
    private final DeclarationRecords records;
    private final EntityManager em;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    GuidelineSeeding(AssociationsRepository associations, GuidelinesRepository guidelines, VersionsRepository versions,
            DeclarationsRepository declarations, TransitionsRepository transitions, CommentsRepository comments,
            ChecklistItemsRepository checklistItems, DeclarationRecords records, EntityManager em, JdbcClient jdbc,
            TransactionTemplate tx) {
        this.associations = associations;
        this.guidelines = guidelines;
        this.versions = versions;
        this.declarations = declarations;
        this.transitions = transitions;
        this.comments = comments;
        this.checklistItems = checklistItems;
        this.records = records;
        this.em = em;
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /**
     * Demo data and benchmarks only (no signed-in user): creates the association profile if missing, the guideline
     * or a revision of it, and drives a declaration through the aggregate's own transitions on the seed's dates.
     * Returns the declaration's id.
     */
    public UUID seed(Seed seed) {
        return CurrentTenant.runAs(seed.tenantId(), () -> tx.execute(s -> {
            Association a = associations.findFirstBy().orElseGet(() -> {
                Association created = new Association(UUID.randomUUID());
                created.update(seed.corporateNumber(), seed.associationName(), seed.associationKind(), null, null, null);
                return associations.save(created);
            });
            Instant declaredAt = at(seed.declaredOn());
            Guideline g;
            if (seed.guidelineId() == null) {
                long next = jdbc.sql("select nextval('gl_registration_no_seq')").query(Long.class).single();
                g = guidelines.save(new Guideline(seed.tenantId(), Guideline.registrationNumber(next), seed.kind(),
                        seed.category(), seed.title(), seed.targetBusinesses(), seed.publicUrl(), at(seed.versionDatedOn())));
            } else {
                g = guidelines.findById(seed.guidelineId()).orElseThrow();
            }
            GuidelineVersion v = versions.save(new GuidelineVersion(seed.tenantId(), g.id(), seed.versionLabel(),
                    seed.versionDatedOn(), seed.publicUrl(), seed.declaredOn(), at(seed.versionDatedOn())));
            Declaration d = Declaration.draft(g, v, a.name(), declarations.countByGuidelineId(g.id()) + 1,
                    a.view().kind() == AssociationKind.INDUSTRY_ASSOCIATION ? FormType.FORM_1_ASSOCIATION : FormType.FORM_2_NO_ASSOCIATION,
                    records.editionOn(seed.declaredOn()), declaredAt);
            Actor association = new Actor("demo", a.name(), Party.ASSOCIATION);
            Actor meti = new Actor("demo", "経済産業省 ヘルスケア産業課", Party.REGISTRY);
            List<ChecklistItem> items = checklistItems.findByEditionAndRetiredAtIsNullOrderByPositionAsc(d.edition());
            Map<UUID, AnswerInput> answers = new LinkedHashMap<>();
            String base = seed.publicUrl() == null ? "https://example.org/guideline" : seed.publicUrl();
            items.forEach(i -> answers.put(i.id(), new AnswerInput(Answer.YES, base + "#" + i.view().code().toLowerCase())));
            d.edit(association, new Declaration.DraftContent(d.view(seed.declaredOn()).formType(), d.edition(), "代表理事",
                    "会長", true, answers), items.stream().collect(java.util.stream.Collectors.toMap(ChecklistItem::id, ChecklistItem::code)));
            // persist, not save: the id is assigned, so Spring Data would merge a copy and leave d detached.
            em.persist(d);
            em.flush();
            DeclarationStatus target = seed.target();
            List<StatusTransition> steps = new ArrayList<>();
            if (target != DeclarationStatus.DRAFT) {
                steps.add(d.submit(association, items, java.util.Set.of(), seed.declaredOn(), declaredAt.plusSeconds(3600)));
            }
            if (target == DeclarationStatus.NOT_ACCEPTED) {
                steps.add(d.notAccept(meti, seed.reason(), at(seed.listedOn())));
            } else if (target != DeclarationStatus.DRAFT && target != DeclarationStatus.SUBMITTED) {
                steps.add(d.list(meti, seed.listedOn(), at(seed.listedOn())));
                declarations.saveAndFlush(d);
                records.supersedeOlder(d, at(seed.listedOn()));
                switch (target) {
                    case WITHDRAWN -> steps.add(d.withdraw(association, seed.reason(), at(seed.endedOn())));
                    case DELISTED -> steps.add(d.delist(meti, seed.reason(), at(seed.endedOn())));
                    case SUSPENDED -> steps.add(d.suspend(meti, seed.reason(), true, at(seed.endedOn())));
                    case EXPIRED -> steps.add(d.expire(Actor.SYSTEM, seed.endedOn(), at(seed.endedOn())));
                    default -> { }
                }
            }
            declarations.saveAndFlush(d);
            transitions.saveAll(steps);
            if (seed.reason() != null && target == DeclarationStatus.DRAFT) {
                comments.save(new ReviewComment(d, meti, Visibility.TO_APPLICANT, seed.reason(), declaredAt));
            }
            return d.id();
        }));
    }

    private static Instant at(LocalDate day) {
        return day == null ? Instant.now() : day.atTime(10, 0).atZone(java.time.ZoneId.of("Asia/Tokyo")).toInstant();
    }
}
