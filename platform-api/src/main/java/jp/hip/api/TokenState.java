package jp.hip.api;

import java.util.function.Predicate;

import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * A bearer token's own state (probe M2, ADR 0007). A JWT's signature and expiry say only that this server issued
 * it once; whether it still stands is in the authorization server's table: {@code /oauth2/revoke} and a replayed
 * authorization code mark it invalidated there, and revoking a client deletes its rows. Every /api and /fhir
 * request asks (one look-up by the hash index of V6).
 */
final class TokenState {

    private TokenState() {}

    static Predicate<Jwt> active(OAuth2AuthorizationService authorizations) {
        return jwt -> {
            OAuth2Authorization authorization = authorizations.findByToken(jwt.getTokenValue(), OAuth2TokenType.ACCESS_TOKEN);
            if (authorization == null) {
                return false;
            }
            OAuth2Authorization.Token<OAuth2AccessToken> token = authorization.getAccessToken();
            return token != null && token.getToken().getTokenValue().equals(jwt.getTokenValue()) && token.isActive();
        };
    }
}
