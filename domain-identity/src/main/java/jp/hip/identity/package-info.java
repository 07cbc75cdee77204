/**
 * Identity: tenants (法人, 保険者, 業界団体等, 経済産業省, the platform operator, personal accounts), their
 * users and role memberships, the one mechanism that scopes every tenant-owned row to the signed-in
 * tenant ({@link jp.hip.identity.CurrentTenant}), and the append-only audit log ({@link jp.hip.identity.AuditLog}).
 *
 * <p>The facade is {@link jp.hip.identity.IdentityManagement}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Identity")
package jp.hip.identity;
