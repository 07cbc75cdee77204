package jp.hip.phr;

import java.util.Locale;
import java.util.Map;

/**
 * Units as people read them. The stored and exchanged data keeps UCUM (FHIR R4 Quantity.system
 * http://unitsofmeasure.org, JP-CLINS); pages, charts and CSV for people show these labels instead. This is the only
 * place that maps one to the other. A unit not listed here is shown as it is (kg, cm, mg/dL, U/L and % read well).
 */
public final class DisplayUnits {

    /** UCUM → {Japanese label, English label}. "/d" is used by the code table only for 歩数 (LOINC 41950-7). */
    private static final Map<String, String[]> LABELS = Map.of(
            "mm[Hg]", new String[] {"mmHg", "mmHg"},
            "/d", new String[] {"歩/日", "steps/day"},
            "/min", new String[] {"回/分", "/min"},
            "kg/m2", new String[] {"kg/m²", "kg/m²"},
            "mL/min/{1.73_m2}", new String[] {"mL/分/1.73m²", "mL/min/1.73m²"});

    private DisplayUnits() {}

    /** The label of a UCUM unit in the page's language (Japanese unless the locale is English). */
    public static String label(String ucum, Locale locale) {
        if (ucum == null) {
            return "";
        }
        String[] labels = LABELS.get(ucum);
        if (labels == null) {
            return ucum;
        }
        return locale != null && "en".equals(locale.getLanguage()) ? labels[1] : labels[0];
    }

    /** The Japanese label (the default language). */
    public static String label(String ucum) {
        return label(ucum, Locale.JAPANESE);
    }
}
