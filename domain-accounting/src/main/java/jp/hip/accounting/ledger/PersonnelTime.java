package jp.hip.accounting.ledger;

import java.math.BigDecimal;

import jp.hip.accounting.AccountingException;
import jp.hip.accounting.Yen;

/**
 * 時間投資 → 人件費: hours per person × persons × hourly rate, rounded half up to whole yen. The rate and its
 * basis travel with the entry so a report can be reproduced years later (ref-accounting §1.4: the guideline
 * prescribes no formula; this is the platform's documented one, ADR 0021).
 *
 * @param hoursPerPerson hours each person spent, up to two decimals
 * @param persons        how many people spent them (1 for a single 産業医; the participant count for 参加従業員)
 */
public record PersonnelTime(PersonnelRole role, BigDecimal hoursPerPerson, int persons, Yen hourlyRate, RateBasis rateBasis) {

    public PersonnelTime {
        if (role == null || rateBasis == null || hourlyRate == null) {
            throw new AccountingException("accounting.time.incomplete");
        }
        if (hoursPerPerson == null || hoursPerPerson.signum() <= 0 || hoursPerPerson.stripTrailingZeros().scale() > 2) {
            throw new AccountingException("accounting.time.hoursInvalid");
        }
        if (persons <= 0) {
            throw new AccountingException("accounting.time.personsInvalid");
        }
    }

    /**
     * The 人件費 this time costs under the company's policy: participants' working time counts only when the
     * company says so (受講者の就業時間中の機会費用; practice varies, so it is a per-company setting).
     */
    public Yen cost(boolean includeParticipantTime) {
        if (role == PersonnelRole.PARTICIPANT && !includeParticipantTime) {
            return Yen.ZERO;
        }
        return Yen.rounded(hoursPerPerson.multiply(BigDecimal.valueOf(persons)).multiply(hourlyRate.toBigDecimal()));
    }

    public BigDecimal totalHours() {
        return hoursPerPerson.multiply(BigDecimal.valueOf(persons));
    }
}
