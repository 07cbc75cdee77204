package jp.hip.guidelines.publicregister;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Order;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;

import jp.hip.guidelines.declarations.Declaration;
import jp.hip.guidelines.declarations.DeclarationStatus;

/** The public list's filters as a JPA criteria query; only public statuses ever match. */
final class PublicListQuery {

    private PublicListQuery() {}

    static List<Declaration> find(EntityManager em, PublicQuery q, LocalDate today, int offset, int limit) {
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<Declaration> query = cb.createQuery(Declaration.class);
        Root<Declaration> d = query.from(Declaration.class);
        query.where(predicates(cb, query, d, q, today));
        query.orderBy(order(cb, d, q.sort()));
        var typed = em.createQuery(query).setFirstResult(offset);
        if (limit > 0) {
            typed.setMaxResults(limit);
        }
        return typed.getResultList();
    }

    static long count(EntityManager em, PublicQuery q, LocalDate today) {
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<Long> query = cb.createQuery(Long.class);
        Root<Declaration> d = query.from(Declaration.class);
        query.select(cb.count(d)).where(predicates(cb, query, d, q, today));
        return em.createQuery(query).getSingleResult();
    }

    private static Predicate[] predicates(CriteriaBuilder cb, CriteriaQuery<?> query, Root<Declaration> d, PublicQuery q, LocalDate today) {
        List<Predicate> p = new ArrayList<>();
        p.add(d.get("status").in(DeclarationStatus.PUBLIC));
        if (q.association() != null && !q.association().isBlank()) {
            p.add(cb.like(cb.lower(d.get("associationName")), like(q.association())));
        }
        if (q.title() != null && !q.title().isBlank()) {
            p.add(cb.like(cb.lower(d.get("title")), like(q.title())));
        }
        if (q.serviceCategory() != null) {
            p.add(cb.equal(d.get("serviceCategory"), q.serviceCategory()));
        }
        if (q.kind() != null) {
            p.add(cb.equal(d.get("kind"), q.kind()));
        }
        if (q.status() == DeclarationStatus.LISTED) {
            p.add(cb.equal(d.get("status"), DeclarationStatus.LISTED));
            p.add(cb.greaterThanOrEqualTo(d.get("validUntil"), today));
        } else if (q.status() == DeclarationStatus.EXPIRED) {
            p.add(cb.or(cb.equal(d.get("status"), DeclarationStatus.EXPIRED),
                    cb.and(cb.equal(d.get("status"), DeclarationStatus.LISTED), cb.lessThan(d.get("validUntil"), today))));
        } else if (q.status() != null) {
            p.add(cb.equal(d.get("status"), q.status()));
        } else {
            // Without a status filter each guideline appears once, in its current state (its newest public
            // generation: an anti-join, no later public generation of the same number exists); earlier
            // generations stay on the permalink and under their status filter.
            var newer = query.subquery(Integer.class);
            Root<Declaration> later = newer.from(Declaration.class);
            newer.select(cb.literal(1))
                    .where(cb.equal(later.get("registrationNo"), d.get("registrationNo")),
                            cb.greaterThan(later.get("generation"), d.<Integer>get("generation")),
                            later.get("status").in(DeclarationStatus.PUBLIC));
            p.add(cb.not(cb.exists(newer)));
        }
        if (q.listedFrom() != null) {
            p.add(cb.greaterThanOrEqualTo(d.get("listedOn"), q.listedFrom()));
        }
        if (q.listedTo() != null) {
            p.add(cb.lessThanOrEqualTo(d.get("listedOn"), q.listedTo()));
        }
        return p.toArray(Predicate[]::new);
    }

    private static String like(String text) {
        String escaped = text.strip().toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return "%" + escaped + "%";
    }

    private static List<Order> order(CriteriaBuilder cb, Root<Declaration> d, PublicQuery.Sort sort) {
        PublicQuery.Sort s = sort == null ? PublicQuery.Sort.REGISTRATION_NO : sort;
        return switch (s) {
            case LISTED_ON_DESC -> List.of(cb.desc(d.get("listedOn")), cb.asc(d.get("registrationNo")), cb.desc(d.get("generation")));
            case ASSOCIATION -> List.of(cb.asc(d.get("associationName")), cb.asc(d.get("registrationNo")), cb.desc(d.get("generation")));
            case VALID_UNTIL -> List.of(cb.asc(d.get("validUntil")), cb.asc(d.get("registrationNo")), cb.desc(d.get("generation")));
            case REGISTRATION_NO -> List.of(cb.asc(d.get("registrationNo")), cb.desc(d.get("generation")));
        };
    }
}
