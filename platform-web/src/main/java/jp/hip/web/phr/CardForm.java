package jp.hip.web.phr;

import java.util.Set;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.validation.BindingResult;

import jp.hip.phr.PhrException;

/**
 * The member's card (保険者番号, 記号, 番号, 枝番), 生年月日 and the insurer's one-time code, as the sign-up form
 * (ADR 0043) and the link form (ADR 0047) both ask for them: one record nested in both ({@code card.number}), shown by
 * one fragment ({@code phr/join-fragments :: cardAndCode}). Presence and length are checked here; formats (full
 * width accepted) by the domain's {@code MemberCard}, whose problems name these fields.
 */
public record CardForm(
        @NotBlank(message = "{validation.required}") @Size(max = 40, message = "{validation.tooLong}") String insurerNumber,
        @Size(max = 80, message = "{validation.tooLong}") String symbol,
        @NotBlank(message = "{validation.required}") @Size(max = 40, message = "{validation.tooLong}") String number,
        @Size(max = 8, message = "{validation.tooLong}") String branch,
        @NotBlank(message = "{validation.required}") @Size(max = 40, message = "{validation.tooLong}") String birthDate,
        @NotBlank(message = "{validation.required}") @Size(max = 40, message = "{validation.tooLong}") String code) {

    private static final Set<String> FIELDS = Set.of("insurerNumber", "symbol", "number", "branch", "birthDate", "code");

    public CardForm {
        insurerNumber = orEmpty(insurerNumber);
        symbol = orEmpty(symbol);
        number = orEmpty(number);
        branch = orEmpty(branch);
        birthDate = orEmpty(birthDate);
        code = orEmpty(code);
    }

    static CardForm empty() {
        return new CardForm("", "", "", "", "", "");
    }

    static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    /** The domain's problems beside their field: the card's under {@code card.}, the others as named, the rest on top. */
    static void reject(BindingResult errors, PhrException e) {
        e.problems().forEach(p -> {
            if (p.where() == null) {
                errors.reject(p.key());
            } else {
                errors.rejectValue(FIELDS.contains(p.where()) ? "card." + p.where() : p.where(), p.key());
            }
        });
    }
}
