package jp.hip.phr;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.hl7.fhir.r4.model.IdType;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import jp.hip.phr.PhrException.Kind;

/** The FHIR R4 context, the identifier systems and the small reference helpers every PHR capability shares. */
public final class PhrFhir {

    public static final String INSURED_NUMBER_SYSTEM = "urn:oid:1.2.392.200119.6.205";
    /**
     * JP Core's 被保険者個人識別子 (保険者番号:記号:番号:枝番): NamingSystem jp-insurance-memberID-identifier of JP Core
     * 1.2/1.3, the identifier JP_Patient_eCS and JP_Coverage use (ADR 0038).
     */
    public static final String JP_INSURANCE_MEMBER_SYSTEM = "http://jpfhir.jp/fhir/clins/Idsystem/JP_Insurance_memberID";
    public static final String INSURER_NUMBER_SYSTEM = "urn:oid:1.2.392.200119.6.101";
    public static final String DATA_CATEGORY_SYSTEM = "https://hip.example.jp/fhir/CodeSystem/phr-data-category";

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    private PhrFhir() {}

    public static FhirContext fhirContext() {
        return FHIR;
    }

    /** A compact JSON parser (one per use: HAPI parsers are not thread-safe). */
    public static IParser parser() {
        return FHIR.newJsonParser().setPrettyPrint(false);
    }

    /** "Patient/{uuid}" → the uuid; anything else → null (the rules report it as an unknown subject). */
    public static UUID subjectOf(String reference) {
        IdType id = new IdType(reference);
        if (!"Patient".equals(id.getResourceType()) || !id.hasIdPart()) {
            return null;
        }
        try {
            return UUID.fromString(id.getIdPart());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The identifier key of a conditional create: "identifier=system|value" (or "Observation?identifier=…", or a URL). */
    public static String identifierCondition(String ifNoneExist) {
        // Clients send "identifier=…", "Observation?identifier=…" or the full URL (HAPI's generic client).
        String condition = ifNoneExist.contains("?") ? ifNoneExist.substring(ifNoneExist.indexOf('?') + 1) : ifNoneExist;
        if (!condition.startsWith("identifier=") || condition.contains("&")) {
            throw PhrException.of(Kind.INVALID, "phr.error.ifNoneExist");
        }
        String value = java.net.URLDecoder.decode(condition.substring("identifier=".length()), StandardCharsets.UTF_8);
        return value.contains("|") ? value : "|" + value;
    }

    /** An id in a URL: a malformed one is an unknown one (404). */
    public static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw PhrException.of(Kind.NOT_FOUND, "phr.error.notFound", id);
        }
    }
}
