package jp.hip.web.phr;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import jp.hip.phr.invitations.MemberLinking.LinkRequest;

/**
 * A signed-in individual links another insurer's records to their account (ADR 0047): the card numbers, 生年月日
 * and the insurer's code, as on the sign-up form (ADR 0043) without the account fields. Presence and length are
 * checked here; formats (full-width accepted) by the domain's MemberCard.
 */
public class LinkForm {

    @NotBlank(message = "{validation.required}") @Size(max = 40) private String insurerNumber = "";
    @Size(max = 80) private String symbol = "";
    @NotBlank(message = "{validation.required}") @Size(max = 40) private String number = "";
    @Size(max = 8) private String branch = "";
    @NotBlank(message = "{validation.required}") @Size(max = 40) private String birthDate = "";
    @NotBlank(message = "{validation.required}") @Size(max = 40) private String code = "";

    LinkRequest request() {
        return new LinkRequest(insurerNumber, symbol, number, branch, birthDate, code);
    }

    public String getInsurerNumber() { return insurerNumber; }
    public void setInsurerNumber(String v) { insurerNumber = v; }
    public String getSymbol() { return symbol; }
    public void setSymbol(String v) { symbol = v; }
    public String getNumber() { return number; }
    public void setNumber(String v) { number = v; }
    public String getBranch() { return branch; }
    public void setBranch(String v) { branch = v; }
    public String getBirthDate() { return birthDate; }
    public void setBirthDate(String v) { birthDate = v; }
    public String getCode() { return code; }
    public void setCode(String v) { code = v; }
}
