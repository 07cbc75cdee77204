/**
 * Access: the one SQL access join ({@link jp.hip.phr.access.AccessJoin}), the reader of stored resources through
 * it ({@link jp.hip.phr.access.StoredRows}), who an accessor is to a person ({@link jp.hip.phr.access.Individuals}),
 * consents (facade {@link jp.hip.phr.access.PhrConsents}) and the access log ({@link jp.hip.phr.access.AccessLog}).
 */
@org.springframework.modulith.NamedInterface("access")
@jp.hip.phr.Capability(allowedDependencies = {})
package jp.hip.phr.access;
