/**
 * The association's side of the registry (団体の窓口): its profile ({@link jp.hip.guidelines.association.Association}),
 * guidelines and versions, declarations from draft to submission, withdrawal, its thread with METI and its reminders
 * (facade {@link jp.hip.guidelines.association.AssociationDesk}, ADR 0012).
 */
@org.springframework.modulith.NamedInterface("association")
package jp.hip.guidelines.association;
