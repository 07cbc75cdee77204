package jp.hip.phr;

import java.util.ArrayList;
import java.util.List;

import jp.hip.phr.PhrException.Kind;
import jp.hip.phr.PhrException.Problem;

/**
 * An employer's 事業所 (establishment) where a person works: its number as the employer keeps it (for example the
 * 雇用保険 事業所番号 1301-123456-7; optional) and its name (本社, 工場, …).
 */
public record Establishment(String number, String name) {

    /** Identifier system of {@link #number()} in the Patient resource (Patient.contact.organization.identifier). */
    public static final String NUMBER_SYSTEM = "https://hip.example.jp/fhir/sid/establishment-number";

    public Establishment {
        List<Problem> problems = new ArrayList<>();
        if (name == null || name.isBlank() || name.length() > 100) {
            problems.add(Problem.of("phr.error.establishmentName", "establishment.name"));
        }
        if (number != null && (number.isBlank() || number.length() > 20)) {
            problems.add(Problem.of("phr.error.establishmentNumber", "establishment.number"));
        }
        if (!problems.isEmpty()) {
            throw new PhrException(Kind.INVALID, problems);
        }
        name = name.strip();
        number = number == null ? null : number.strip();
    }
}
