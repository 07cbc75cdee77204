package jp.hip.web.phr;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import jp.hip.phr.invitations.MemberJoining.JoinRequest;

/**
 * The public sign-up form (ADR 0043): the card, 生年月日 and the insurer's code ({@link CardForm}), and the new
 * account's e-mail and password (the account's length rule, 12 to 256, as on the invitation page). Every error at once, by field (ADR 0097).
 */
public record JoinForm(
        @NotNull @Valid CardForm card,
        @NotBlank(message = "{validation.required}") @Size(max = 254, message = "{validation.tooLong}") String email,
        @NotNull(message = "{validation.required}") @Size(min = 12, message = "{identity.user.password.tooShort}")
        @Size(max = 256, message = "{identity.user.password.tooLong}") String password,
        @NotBlank(message = "{validation.required}") String passwordConfirmation) {

    public JoinForm {
        card = card == null ? CardForm.empty() : card;
        email = CardForm.orEmpty(email);
        password = CardForm.orEmpty(password);
        passwordConfirmation = CardForm.orEmpty(passwordConfirmation);
    }

    static JoinForm empty() {
        return new JoinForm(CardForm.empty(), "", "", "");
    }

    JoinRequest request() {
        return new JoinRequest(card.insurerNumber(), card.symbol(), card.number(), card.branch(), card.birthDate(),
                card.code(), email, password);
    }
}
