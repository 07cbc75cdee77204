/**
 * Identity: tenants (法人, 保険者, 業界団体等, 経済産業省, the platform operator, personal accounts), their
 * users and role memberships, the one mechanism that scopes every tenant-owned row to the signed-in
 * tenant ({@link jp.hip.identity.CurrentTenant}), and the append-only audit log ({@link jp.hip.identity.AuditLog}).
 *
 * <p>The facade is {@link jp.hip.identity.IdentityManagement}.
 *
 * <p>The root package holds what every module uses (tenants, users, roles, {@link jp.hip.identity.SignedInUser},
 * {@link jp.hip.identity.CurrentTenant}, {@link jp.hip.identity.AuditLog}, {@link jp.hip.identity.ExcelCsv}, …) and
 * the entities the facade keeps package-private. Each capability is a sub-package declaring the capabilities it uses
 * with {@link jp.hip.identity.Capability}: {@code secondfactor}, {@code throttling}, {@code mail},
 * {@code invitations}, {@code jobs}, {@code database}, {@code apiclients}, {@code personal}; all but
 * {@code invitations} are named interfaces other modules may list in their allowed dependencies
 * ({@code "identity :: jobs"}, …) (docs/architecture.md, ADR 0112).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Identity")
package jp.hip.identity;
