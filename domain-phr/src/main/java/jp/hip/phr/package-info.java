/**
 * PHR data exchange: persons and the tenants that hold their data, observations stored as FHIR R4 JSON with
 * search columns, the versioned code table (特定健診 item codes, JLAC10, LOINC), the access join that every read
 * applies inside its SQL, the access log, export and deletion on request (ref-phr.md §5, §6).
 *
 * <p>The root package holds the types every capability shares ({@link jp.hip.phr.Accessor},
 * {@link jp.hip.phr.PhrException}, {@link jp.hip.phr.PhrFhir}, …). Each capability is a sub-package with its own
 * facade, exposed as a named interface and declaring the capabilities it uses with {@link jp.hip.phr.Capability}:
 * {@code access}, {@code persons}, {@code observations}, {@code medication}, {@code bundles}, {@code checkup},
 * {@code rights}, {@code aggregates} (docs/architecture.md, docs/phr.md).
 */
@org.springframework.modulith.ApplicationModule(displayName = "PHR", allowedDependencies = {"identity",
        "identity :: throttling", "identity :: mail", "identity :: jobs", "identity :: database", "identity :: personal"})
package jp.hip.phr;
