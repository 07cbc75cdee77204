package jp.hip.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import jp.hip.phr.DisplayUnits;

/** Issue 15, readable: units for people from one mapping (FHIR keeps UCUM); no message shows a raw placeholder. */
class ReadableTextTests {

    static final List<String> BUNDLES = List.of("messages", "messages-accounting", "messages-guidelines", "messages-phr",
            "messages-collabo");

    @Test
    void ucumUnitsAreShownAsPeopleReadThem() {
        assertThat(DisplayUnits.label("mm[Hg]")).isEqualTo("mmHg");
        assertThat(DisplayUnits.label("/d")).isEqualTo("歩/日");
        assertThat(DisplayUnits.label("/d", Locale.ENGLISH)).isEqualTo("steps/day");
        assertThat(DisplayUnits.label("/min")).isEqualTo("回/分");
        assertThat(DisplayUnits.label("kg/m2")).isEqualTo("kg/m²");
        assertThat(DisplayUnits.label("mg/dL")).isEqualTo("mg/dL");
        assertThat(DisplayUnits.label(null)).isEmpty();
    }

    /**
     * MessageFormat reads a single apostrophe as the start of quoted text, so 「this page's address … {0}」 printed
     * a raw {0}. Every message with a placeholder, formatted with arguments, must show no brace.
     */
    @Test
    void noMessageShowsARawPlaceholder() throws IOException {
        List<String> raw = new ArrayList<>();
        int checked = 0;
        for (String bundle : BUNDLES) {
            for (String language : List.of("ja", "en")) {
                Properties messages = load(bundle + "_" + language + ".properties");
                for (String key : messages.stringPropertyNames()) {
                    String text = messages.getProperty(key);
                    if (!text.matches("(?s).*\\{\\d.*")) {
                        continue;
                    }
                    checked++;
                    Object[] args = {1, 2, 3, 4, 5, 6, 7};
                    String formatted = new MessageFormat(text, Locale.forLanguageTag(language)).format(args);
                    if (formatted.matches("(?s).*\\{\\d.*")) {
                        raw.add(bundle + "_" + language + ": " + key + " → " + formatted);
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(100);
        assertThat(raw).isEmpty();
    }

    private static Properties load(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = ReadableTextTests.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
