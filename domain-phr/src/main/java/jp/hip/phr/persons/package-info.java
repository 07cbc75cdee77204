/**
 * Persons and memberships (facade {@link jp.hip.phr.persons.PhrPersons}) and FHIR Patient
 * ({@link jp.hip.phr.persons.PatientStore}).
 */
@org.springframework.modulith.NamedInterface("persons")
@jp.hip.phr.Capability(allowedDependencies = {"access", "search"})
package jp.hip.phr.persons;
