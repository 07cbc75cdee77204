package jp.hip.phr.invitations;

import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jp.hip.phr.PhrException;
import jp.hip.phr.PhrException.Kind;
import jp.hip.phr.PhrException.Problem;

/**
 * What a member types from their 被保険者証 (or 資格確認書) to prove who they are: 保険者番号, 記号, 番号, 枝番 and
 * 生年月日. Typed text is read as NFKC, so full-width digits and letters (「０６１３００１２」, 「１９７５年４月１日」) are
 * accepted, as the 特定健診 import reads them (ref-checkup-codes.md: 記号 may hold 全角 characters).
 * Formats (ref-checkup-codes.md, patientRole ids): 保険者番号 8 digits; 記号 optional, up to 40 characters, letters
 * (any script) and digits; 番号 1 to 20 letters or digits; 枝番 optional, 2 digits (one digit is read with a leading
 * zero); 生年月日 a real past date written 1975-04-01, 1975/4/1, 19750401 or 1975年4月1日.
 */
public record MemberCard(String insurerNumber, String symbol, String number, String branch, LocalDate birthDate) {

    private static final Pattern INSURER = Pattern.compile("\\d{8}");
    private static final Pattern SYMBOL = Pattern.compile("[\\p{L}\\p{N}・ー-]{1,40}");
    private static final Pattern NUMBER = Pattern.compile("[0-9A-Za-z]{1,20}");
    private static final Pattern BRANCH = Pattern.compile("\\d{1,2}");
    private static final Pattern DATE = Pattern.compile("(\\d{4})[-/年.](\\d{1,2})[-/月.](\\d{1,2})日?|(\\d{4})(\\d{2})(\\d{2})");

    /** Reads the typed fields; every malformed one is a problem named by its field ({@code where}), all at once. */
    public static MemberCard parse(String insurerNumber, String symbol, String number, String branch, String birthDate,
            LocalDate today) {
        List<Problem> problems = new ArrayList<>();
        String insurer = normalise(insurerNumber);
        if (insurer == null || !INSURER.matcher(insurer).matches()) {
            problems.add(Problem.of("phr.join.invalid.insurerNumber", "insurerNumber"));
        }
        String sym = normalise(symbol);
        if (sym != null && !SYMBOL.matcher(sym).matches()) {
            problems.add(Problem.of("phr.join.invalid.symbol", "symbol"));
        }
        String num = normalise(number);
        if (num == null || !NUMBER.matcher(num).matches()) {
            problems.add(Problem.of("phr.join.invalid.number", "number"));
        }
        String br = normalise(branch);
        if (br != null && !BRANCH.matcher(br).matches()) {
            problems.add(Problem.of("phr.join.invalid.branch", "branch"));
        } else if (br != null && br.length() == 1) {
            br = "0" + br;
        }
        LocalDate born = birthDate(normalise(birthDate), today);
        if (born == null) {
            problems.add(Problem.of("phr.join.invalid.birthDate", "birthDate"));
        }
        if (!problems.isEmpty()) {
            throw new PhrException(Kind.INVALID, problems);
        }
        return new MemberCard(insurer, sym, num, br, born);
    }

    /** NFKC, trimmed (also full-width spaces), hyphen-like dashes as '-'; blank is null. */
    static String normalise(String text) {
        if (text == null) {
            return null;
        }
        String n = Normalizer.normalize(text, Normalizer.Form.NFKC).replaceAll("[‐‑‒–—―−]", "-").strip();
        return n.isEmpty() ? null : n;
    }

    private static LocalDate birthDate(String text, LocalDate today) {
        if (text == null) {
            return null;
        }
        Matcher m = DATE.matcher(text);
        if (!m.matches()) {
            return null;
        }
        try {
            LocalDate date = m.group(1) != null
                    ? LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)))
                    : LocalDate.parse(text, DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT));
            return date.isAfter(today) || date.getYear() < 1900 ? null : date;
        } catch (DateTimeException e) {
            return null;
        }
    }
}
