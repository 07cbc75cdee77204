package jp.hip.web.phr;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import jp.hip.phr.invitations.MemberLinking.LinkRequest;

/**
 * A signed-in individual links another insurer's records to their account (ADR 0047): the card, 生年月日 and the
 * insurer's code ({@link CardForm}), as on the sign-up form (ADR 0043) without the account fields.
 */
public record LinkForm(@NotNull @Valid CardForm card) {

    public LinkForm {
        card = card == null ? CardForm.empty() : card;
    }

    static LinkForm empty() {
        return new LinkForm(CardForm.empty());
    }

    LinkRequest request() {
        return new LinkRequest(card.insurerNumber(), card.symbol(), card.number(), card.branch(), card.birthDate(), card.code());
    }
}
