package jp.hip.api.fhir.search;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.hl7.fhir.r4.model.Enumerations.SearchParamType;

import jp.hip.phr.ObservationQuery;

/**
 * The one list of search parameters the FHIR server accepts, per resource (issue 10). {@link FhirSearchCheck}
 * checks every request against it and the CapabilityStatement is written from it, so the two cannot disagree.
 * A parameter declares whether it may repeat (AND), whether a comma ORs values, its modifiers and its prefixes.
 */
public final class FhirSearchParameters {

    /** One accepted parameter. {@code values} limits a special parameter's values (sort keys, _summary, _include). */
    public record Parameter(String name, SearchParamType type, boolean repeats, boolean commaOr, Set<String> modifiers,
            Set<String> prefixes, Set<String> values, String documentation) {

        static Parameter of(String name, SearchParamType type, String documentation) {
            return new Parameter(name, type, false, false, Set.of(), Set.of(), Set.of(), documentation);
        }

        /** Repeats (AND) and takes a comma (OR). */
        static Parameter many(String name, SearchParamType type, Set<String> modifiers, Set<String> prefixes, String documentation) {
            return new Parameter(name, type, true, true, modifiers, prefixes, Set.of(), documentation);
        }

        static Parameter special(String name, boolean commaOr, Set<String> values, String documentation) {
            return new Parameter(name, SearchParamType.SPECIAL, false, commaOr, Set.of(), Set.of(), values, documentation);
        }

        /** The declaration as the CapabilityStatement documents it. */
        public String describe() {
            StringBuilder text = new StringBuilder(documentation);
            if (!modifiers.isEmpty()) {
                text.append("; modifiers: :").append(String.join(" :", sorted(modifiers)));
            }
            if (!prefixes.isEmpty()) {
                text.append("; prefixes: ").append(String.join(" ", PREFIX_ORDER));
            }
            if (!values.isEmpty()) {
                text.append("; values: ").append(String.join(" ", sorted(values)));
            }
            text.append(repeats ? "; may repeat (AND)" : "; once");
            if (commaOr) {
                text.append("; comma-separated values are OR");
            }
            return text.toString();
        }

        private static List<String> sorted(Set<String> set) {
            return set.stream().sorted().toList();
        }
    }

    /** Every FHIR R4 prefix; dates and quantities take all of them (search.html#prefix). */
    static final List<String> PREFIX_ORDER = List.of("eq", "ne", "gt", "lt", "ge", "le", "sa", "eb", "ap");
    static final Set<String> PREFIXES = Set.copyOf(PREFIX_ORDER);

    static final String DATE_DOC = "YYYY, YYYY-MM, YYYY-MM-DD or a dateTime with seconds (a value without a zone is Japan time);"
            + " the value names a range (its precision), ap widens it by 10% of its distance from now";

    private static final Parameter COUNT = Parameter.of("_count", SearchParamType.NUMBER,
            "page size, 1 to " + ObservationQuery.MAX_COUNT + " (default " + FhirSearch.DEFAULT_COUNT + ")");
    /** Where _summary=count is declared, _count=0 asks for the total alone. */
    private static final Parameter COUNT_OR_TOTAL = Parameter.of("_count", SearchParamType.NUMBER,
            "page size, 0 to " + ObservationQuery.MAX_COUNT + " (default " + FhirSearch.DEFAULT_COUNT + "); 0 returns no entries, only the total");
    private static final Parameter OFFSET = Parameter.of("_offset", SearchParamType.NUMBER,
            "paging position written into next links, 0 to " + FhirSearch.MAX_OFFSET);
    private static final Parameter SUBJECT = Parameter.of("subject", SearchParamType.REFERENCE, "Patient/[id] or [id]");
    private static final Parameter PATIENT = Parameter.of("patient", SearchParamType.REFERENCE, "Patient/[id] or [id]");
    private static final Parameter LAST_UPDATED = Parameter.many("_lastUpdated", SearchParamType.DATE, Set.of(), PREFIXES,
            "meta.lastUpdated; " + DATE_DOC);
    private static final Parameter SUMMARY = Parameter.special("_summary", false, Set.of("count"),
            "count only: the total of matches the caller may read, no entries");

    private static Parameter sort(String... keys) {
        Set<String> values = new java.util.LinkedHashSet<>();
        for (String key : keys) {
            values.add(key);
            values.add("-" + key);
        }
        return Parameter.special("_sort", true, values, "comma-separated keys, each ascending or (with -) descending, in order of precedence");
    }

    private static Parameter elements(String resource) {
        return Parameter.special("_elements", true, Set.of(), "comma-separated top-level elements of " + resource
                + "; id, meta and mandatory elements are always returned, and the resource is tagged SUBSETTED");
    }

    private static final Map<String, List<Parameter>> BY_RESOURCE = new LinkedHashMap<>();

    /** The {@code _include} values per resource (CapabilityStatement searchInclude). */
    public static final Map<String, Set<String>> INCLUDES = Map.of("Observation", Set.of("Observation:patient", "Observation:subject"));

    static {
        BY_RESOURCE.put("Patient", List.of(
                Parameter.many("_id", SearchParamType.TOKEN, Set.of(), Set.of(), "[id]"),
                Parameter.many("identifier", SearchParamType.TOKEN, Set.of(), Set.of(),
                        "[system]|[value] or [value]; 被保険者番号 as 記号:番号 under urn:oid:1.2.392.200119.6.205, or JP Core's"
                                + " 被保険者個人識別子 as 保険者番号:記号:番号:枝番 under http://jpfhir.jp/fhir/clins/Idsystem/JP_Insurance_memberID"),
                Parameter.many("name", SearchParamType.STRING, Set.of("exact", "contains"), Set.of(),
                        "any part of a kanji or kana name, or the full name; starts with, case-insensitive"),
                Parameter.many("birthdate", SearchParamType.DATE, Set.of(), PREFIXES, DATE_DOC),
                Parameter.many("gender", SearchParamType.TOKEN, Set.of(), Set.of(), "male, female, other or unknown"),
                LAST_UPDATED, sort("_lastUpdated", "birthdate"), SUMMARY, elements("Patient"), COUNT_OR_TOTAL, OFFSET));
        BY_RESOURCE.put("Observation", List.of(SUBJECT, PATIENT,
                Parameter.many("code", SearchParamType.TOKEN, Set.of("not"), Set.of(),
                        "[system]|[code], [code] (any system: the local code or LOINC) or |[code]; :not matches observations with none of the codes"),
                Parameter.many("category", SearchParamType.TOKEN, Set.of(), Set.of(),
                        "[code] or [system]|[code] (JP Core simple category or HL7 observation-category)"),
                Parameter.many("identifier", SearchParamType.TOKEN, Set.of(), Set.of(),
                        "[system]|[value] or [value] of the observation's first identifier"),
                Parameter.many("date", SearchParamType.DATE, Set.of(), PREFIXES, "effective time; " + DATE_DOC),
                Parameter.many("value-quantity", SearchParamType.QUANTITY, Set.of(), PREFIXES,
                        "[prefix][number], [prefix][number]|[system]|[code] or [prefix][number]||[code]; the unit is matched"
                                + " on UCUM (http://unitsofmeasure.org); eq ne sa eb use the number's precision as its range, ap is within 10%"),
                LAST_UPDATED, sort("date", "_lastUpdated"), SUMMARY, elements("Observation"),
                Parameter.special("_include", false, INCLUDES.get("Observation"),
                        "the subject Patient, included only where the caller may read it"),
                COUNT_OR_TOTAL, OFFSET));
        BY_RESOURCE.put("Consent", List.of(PATIENT,
                new Parameter("status", SearchParamType.TOKEN, false, true, Set.of(), Set.of(), Set.of(), "active or inactive"), COUNT, OFFSET));
        BY_RESOURCE.put("MedicationStatement", List.of(SUBJECT, PATIENT, COUNT, OFFSET));
    }

    /** Patient/$everything's parameters (OperationDefinition Patient-everything). */
    public static final List<Parameter> EVERYTHING = List.of(Parameter.of("_count", SearchParamType.NUMBER,
                    "page size, 1 to " + ObservationQuery.MAX_COUNT + " (default " + FhirSearch.DEFAULT_COUNT + "), the Patient included"), OFFSET,
            Parameter.of("_since", SearchParamType.DATE, "resources changed since this instant (the Patient is always returned)"));

    /**
     * Instance {@code _history}'s parameters (FHIR R4 http.html#history): pages of versions, newest first, narrowed
     * by {@code _since} and {@code _at}.
     */
    public static final List<Parameter> HISTORY = List.of(COUNT, OFFSET,
            Parameter.of("_since", SearchParamType.DATE, "versions whose meta.lastUpdated is at or after this instant"
                    + " (the start of the value's precision; a value without a zone is Japan time)"),
            Parameter.of("_at", SearchParamType.DATE, "versions that were current at some moment of this date or instant"
                    + " (the period its precision names, a second at the finest; a value without a zone is Japan time)"));

    private FhirSearchParameters() {}

    public static Map<String, List<Parameter>> all() {
        return BY_RESOURCE;
    }

    static List<Parameter> of(String resourceType) {
        return switch (resourceType) {
            case "$everything" -> EVERYTHING;
            case "$history" -> HISTORY;
            default -> BY_RESOURCE.get(resourceType);
        };
    }
}
