package jp.hip.collabo;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A link as either side sees it: the partner's name, the state, and the 事業所 with their 事業主 group. */
public record LinkView(UUID id, UUID companyTenantId, String companyName, UUID insurerTenantId, String insurerName,
        Side proposedBy, Status status, Instant proposedAt, Instant acceptedAt, Instant endedAt, Side endedBy,
        List<EstablishmentView> establishments) {

    public enum Status { PROPOSED, ACTIVE, ENDED }

    public record EstablishmentView(String number, String name, String employerGroup) {}

    /** The 事業主 groups of the link, in the order their first 事業所 appears. */
    public List<String> employerGroups() {
        return establishments.stream().map(EstablishmentView::employerGroup).distinct().toList();
    }

    public List<EstablishmentView> establishmentsOf(String group) {
        return establishments.stream().filter(e -> e.employerGroup().equals(group)).toList();
    }

    public String partnerName(Side me) {
        return me == Side.COMPANY ? insurerName : companyName;
    }

    /** Whether this side may accept: a proposal made by the other side. */
    public boolean acceptableBy(Side me) {
        return status == Status.PROPOSED && proposedBy != me;
    }
}
