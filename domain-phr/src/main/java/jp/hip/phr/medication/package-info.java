/**
 * MedicationStatement (薬剤情報, ADR 0035), facade {@link jp.hip.phr.medication.PhrMedications}.
 */
@org.springframework.modulith.NamedInterface("medication")
@jp.hip.phr.Capability(allowedDependencies = {"access", "observations"})
package jp.hip.phr.medication;
