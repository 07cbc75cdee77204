/**
 * Patient/$everything in pages ({@link jp.hip.phr.everything.PatientEverything}): the Patient, the observations and
 * the medication statements as one stream, each part read through its capability (access join, access log).
 */
@org.springframework.modulith.NamedInterface("everything")
@jp.hip.phr.Capability(allowedDependencies = {"access", "persons", "observations", "medication", "search"})
package jp.hip.phr.everything;
