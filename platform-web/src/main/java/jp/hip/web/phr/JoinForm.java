package jp.hip.web.phr;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import jp.hip.phr.invitations.MemberJoining.JoinRequest;

/**
 * The public sign-up form (ADR 0043): the card numbers, 生年月日 and the insurer's code, and the new account's e-mail
 * and password. Presence and length are checked here; formats (full-width accepted) by the domain's MemberCard.
 */
public class JoinForm {

    @NotBlank(message = "{validation.required}") @Size(max = 40) private String insurerNumber = "";
    @Size(max = 80) private String symbol = "";
    @NotBlank(message = "{validation.required}") @Size(max = 40) private String number = "";
    @Size(max = 8) private String branch = "";
    @NotBlank(message = "{validation.required}") @Size(max = 40) private String birthDate = "";
    @NotBlank(message = "{validation.required}") @Size(max = 40) private String code = "";
    @NotBlank(message = "{validation.required}") @Size(max = 254) private String email = "";
    @NotBlank(message = "{validation.required}") private String password = "";
    @NotBlank(message = "{validation.required}") private String passwordConfirmation = "";

    JoinRequest request() {
        return new JoinRequest(insurerNumber, symbol, number, branch, birthDate, code, email, password);
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
    public String getEmail() { return email; }
    public void setEmail(String v) { email = v; }
    public String getPassword() { return password; }
    public void setPassword(String v) { password = v; }
    public String getPasswordConfirmation() { return passwordConfirmation; }
    public void setPasswordConfirmation(String v) { passwordConfirmation = v; }
}
