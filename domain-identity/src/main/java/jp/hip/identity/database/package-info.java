/**
 * The database half of the tenant mechanism (ADR 0090): every connection taken from the pool gets the settings
 * {@code hip.tenant_id} and {@code hip.scope} from {@link jp.hip.identity.CurrentTenant}, on which PostgreSQL's
 * row-level security policies key ({@code TenantConnections}), and {@code COPY … FROM STDIN} into a table under
 * row-level security through a staging table ({@link jp.hip.identity.database.StagedCopy}).
 */
@org.springframework.modulith.NamedInterface("database")
@jp.hip.identity.Capability(allowedDependencies = {})
package jp.hip.identity.database;
