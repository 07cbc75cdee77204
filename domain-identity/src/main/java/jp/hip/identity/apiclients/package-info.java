/**
 * API clients: the binding of an integration's client id to one tenant and its scopes ({@code ApiClientAccount},
 * table {@code plat_api_client}; registered, revoked and allowed to record consents through
 * {@link jp.hip.identity.IdentityManagement}), and the two interfaces the API module's authorization server
 * implements, {@link jp.hip.identity.apiclients.ApiCredentialIssuer} (client credentials) and
 * {@link jp.hip.identity.apiclients.SmartAppDirectory} (SMART apps, ADR 0033). The named interface is those two and
 * {@link jp.hip.identity.apiclients.ApiClientView}, marked on the types: the entity and its repository are public
 * for the facade in the root package only (ADR 0112).
 */
@jp.hip.identity.Capability(allowedDependencies = {})
package jp.hip.identity.apiclients;
