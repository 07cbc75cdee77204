package jp.hip.web.forms;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.text.ParseException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.format.AnnotationFormatterFactory;
import org.springframework.format.Formatter;
import org.springframework.format.FormatterRegistry;
import org.springframework.format.Parser;
import org.springframework.format.Printer;

/**
 * The one set of input formatters of the pages, registered once ({@link #registerIn}): yen, ratios, dates and
 * 法人番号, each accepting what people type in Japan (full-width digits included). A parse failure is a
 * {@code typeMismatch} error on its field (messages: {@code typeMismatch.yen}, …), reported with all the others.
 */
public final class Formatters {

    private Formatters() {}

    public static void registerIn(FormatterRegistry registry) {
        registry.addFormatterForFieldType(LocalDate.class, new DateFormatter());
        registry.addFormatterForFieldAnnotation(new YenFactory());
        registry.addFormatterForFieldAnnotation(new RatioFactory());
        registry.addFormatterForFieldAnnotation(new CorporateNumberFactory());
    }

    /** Thrown by a parser: the binder turns it into a {@code typeMismatch} error of the field. */
    static ParseException unreadable(String text) { // the text is never quoted: messages do not echo input
        return new ParseException("unreadable input", 0);
    }

    /** 「1,234,567」「１２３４５６７円」「¥1234567」: whole yen, grouping commas only where they group by three. */
    public static final class YenFormatter implements Formatter<Long> {

        private static final Pattern YEN = Pattern.compile("[¥\\\\]?\\s*(-?)(\\d{1,3}(?:,\\d{3})+|\\d+)\\s*円?");

        @Override
        public Long parse(String text, Locale locale) throws ParseException {
            Matcher m = YEN.matcher(Input.fold(text));
            if (!m.matches() || m.group(2).replace(",", "").length() > 15) {
                throw unreadable(text);
            }
            return Long.parseLong(m.group(1) + m.group(2).replace(",", ""));
        }

        @Override
        public String print(Long value, Locale locale) {
            return NumberFormat.getIntegerInstance(Locale.JAPAN).format(value);
        }
    }

    /** 0.6, 60 %, 60%, ６０％ are all 0.6. */
    public static final class RatioFormatter implements Formatter<BigDecimal> {

        private static final Pattern RATIO = Pattern.compile("(-?\\d{1,9}(?:\\.\\d{1,9})?|-?\\.\\d{1,9})\\s*(%?)");

        @Override
        public BigDecimal parse(String text, Locale locale) throws ParseException {
            Matcher m = RATIO.matcher(Input.fold(text));
            if (!m.matches()) {
                throw unreadable(text);
            }
            BigDecimal number = new BigDecimal(m.group(1));
            return m.group(2).isEmpty() ? number : number.movePointLeft(2).stripTrailingZeros();
        }

        @Override
        public String print(BigDecimal value, Locale locale) {
            return value.stripTrailingZeros().toPlainString();
        }
    }

    /** 2025-04-01, 2025/4/1, ２０２５／４／１, 2025年4月1日; shown as 2025-04-01 (what {@code <input type=date>} takes). */
    public static final class DateFormatter implements Formatter<LocalDate> {

        private static final Pattern DATE = Pattern.compile("(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})\\s*日?");

        @Override
        public LocalDate parse(String text, Locale locale) throws ParseException {
            Matcher m = DATE.matcher(Input.fold(text));
            if (!m.matches()) {
                throw unreadable(text);
            }
            try {
                return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            } catch (DateTimeException e) {
                throw unreadable(text);
            }
        }

        @Override
        public String print(LocalDate value, Locale locale) {
            return value.toString();
        }
    }

    /** 13 digits from 「１２３４５６７８９０１２３」 or 「1234-5678-90123」; anything else is kept as typed for the validator to name. */
    public static final class CorporateNumberFormatter implements Formatter<String> {

        @Override
        public String parse(String text, Locale locale) {
            String folded = Input.fold(text);
            String digits = folded.replaceAll("[\\s\\-‐‑–—−ー]", "");
            return digits.matches("\\d*") ? digits : folded;
        }

        @Override
        public String print(String value, Locale locale) {
            return value;
        }
    }

    /** The annotation type is read from each factory's type argument, hence one small class per annotation. */
    private abstract static class Factory<A extends java.lang.annotation.Annotation, T> implements AnnotationFormatterFactory<A> {

        private final Set<Class<?>> fieldTypes;
        private final Formatter<T> formatter;

        Factory(Set<Class<?>> fieldTypes, Formatter<T> formatter) {
            this.fieldTypes = fieldTypes;
            this.formatter = formatter;
        }

        @Override
        public Set<Class<?>> getFieldTypes() {
            return fieldTypes;
        }

        @Override
        public Printer<?> getPrinter(A annotation, Class<?> fieldType) {
            return formatter;
        }

        @Override
        public Parser<?> getParser(A annotation, Class<?> fieldType) {
            return formatter;
        }
    }

    private static final class YenFactory extends Factory<YenFormat, Long> {
        YenFactory() {
            super(Set.of(Long.class), new YenFormatter());
        }
    }

    private static final class RatioFactory extends Factory<RatioFormat, BigDecimal> {
        RatioFactory() {
            super(Set.of(BigDecimal.class), new RatioFormatter());
        }
    }

    private static final class CorporateNumberFactory extends Factory<CorporateNumberFormat, String> {
        CorporateNumberFactory() {
            super(Set.of(String.class), new CorporateNumberFormatter());
        }
    }
}
