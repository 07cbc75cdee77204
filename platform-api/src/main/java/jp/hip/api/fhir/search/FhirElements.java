package jp.hip.api.fhir.search;

import java.util.Set;

import org.hl7.fhir.r4.model.Resource;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import jp.hip.phr.PhrFhir;

/**
 * {@code _elements} (FHIR R4 search.html#elements): a copy of the resource with only the top-level elements asked
 * for, plus id, meta and the mandatory elements (which servers SHOULD always return), tagged SUBSETTED
 * (v3-ObservationValue) so a client does not take it for the whole resource.
 */
public final class FhirElements {

    static final String SUBSETTED_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-ObservationValue";

    private FhirElements() {}

    private static String bare(String name) {
        return name.endsWith("[x]") ? name.substring(0, name.length() - 3) : name;
    }

    /** Whether {@code name} is a top-level element of {@code resourceType} ({@code value} or {@code value[x]} for a choice). */
    static boolean known(String resourceType, String name) {
        RuntimeResourceDefinition definition = PhrFhir.fhirContext().getResourceDefinition(resourceType);
        return definition.getChildren().stream().anyMatch(c -> bare(c.getElementName()).equals(bare(name)));
    }

    public static Resource subset(Resource resource, Set<String> names) {
        Set<String> wanted = names.stream().map(FhirElements::bare).collect(java.util.stream.Collectors.toSet());
        RuntimeResourceDefinition definition = PhrFhir.fhirContext().getResourceDefinition(resource);
        Resource copy = (Resource) definition.newInstance();
        copy.setIdElement(resource.getIdElement().copy());
        copy.setMeta(resource.getMeta().copy());
        for (BaseRuntimeChildDefinition child : definition.getChildren()) {
            String name = bare(child.getElementName());
            if (name.equals("id") || name.equals("meta") || !(wanted.contains(name) || child.getMin() > 0)) {
                continue;
            }
            for (var value : child.getAccessor().getValues(resource)) {
                child.getMutator().addValue(copy, value);
            }
        }
        copy.getMeta().addTag(SUBSETTED_SYSTEM, "SUBSETTED", "subsetted");
        return copy;
    }
}
