/**
 * The JSON API under {@code /api/**} (stateless, OAuth2 bearer tokens issued by the platform's own
 * authorization server, errors as RFC 9457 problem details) and, later, FHIR under {@code /fhir}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "API")
package jp.hip.api;
