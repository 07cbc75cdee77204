package jp.hip.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenIntrospection;
import org.springframework.security.oauth2.server.authorization.authentication.ClientSecretAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationValidator;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenIntrospectionAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenIntrospectionAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.web.filter.OncePerRequestFilter;

import jp.hip.identity.throttling.Throttle;

/**
 * What the authorization server does beyond Spring's defaults (probe findings M2, L3, L5; ADR 0007):
 * <ul>
 * <li>introspection answers only for the requesting client's own tokens (any other token is "inactive");</li>
 * <li>an unknown client id costs the same secret check as a known one, so timing does not tell which ids exist;</li>
 * <li>failed client authentications at {@code /oauth2/token} are throttled by address and by address and client id;</li>
 * <li>redirect URIs match exactly, port included (Spring follows RFC 8252 §7.3 and ignores a loopback port).</li>
 * </ul>
 */
final class AuthorizationServerHardening {

    private AuthorizationServerHardening() {}

    /** Puts the introspection and authorization-code-request checks in place of Spring's. */
    static void ownTokensOnly(List<AuthenticationProvider> providers) {
        providers.replaceAll(p -> p instanceof OAuth2TokenIntrospectionAuthenticationProvider ? new OwnTokenIntrospection(p) : p);
    }

    static void exactRedirectUris(List<AuthenticationProvider> providers) {
        for (AuthenticationProvider provider : providers) {
            if (provider instanceof OAuth2AuthorizationCodeRequestAuthenticationProvider codeRequests) {
                codeRequests.setAuthenticationValidator(
                        AuthorizationServerHardening.<OAuth2AuthorizationCodeRequestAuthenticationContext>exactRedirectUri()
                                .andThen(new OAuth2AuthorizationCodeRequestAuthenticationValidator()));
            }
        }
    }

    static java.util.function.Consumer<List<AuthenticationProvider>> equalTimingForUnknownClients(
            RegisteredClientRepository clients, PasswordEncoder encoder) {
        return providers -> providers.replaceAll(p -> p instanceof ClientSecretAuthenticationProvider
                ? new EqualTimingClientSecrets(p, clients, encoder) : p);
    }

    private static <T extends OAuth2AuthorizationCodeRequestAuthenticationContext> java.util.function.Consumer<T> exactRedirectUri() {
        return context -> {
            OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
            String requested = request.getRedirectUri();
            if (requested != null && !context.getRegisteredClient().getRedirectUris().contains(requested)) {
                // no redirect to an unregistered address: the error is shown by the server itself
                OAuth2Error error = new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST, "OAuth 2.0 Parameter: redirect_uri",
                        "https://datatracker.ietf.org/doc/html/rfc6749#section-4.1.2.1");
                throw new OAuth2AuthorizationCodeRequestAuthenticationException(error, null);
            }
        };
    }

    /** Introspection of another client's token answers {@code {"active": false}}, as for an unknown token. */
    static final class OwnTokenIntrospection implements AuthenticationProvider {

        private final AuthenticationProvider delegate;

        OwnTokenIntrospection(AuthenticationProvider delegate) {
            this.delegate = delegate;
        }

        @Override
        public Authentication authenticate(Authentication authentication) throws AuthenticationException {
            Authentication result = delegate.authenticate(authentication);
            if (result instanceof OAuth2TokenIntrospectionAuthenticationToken introspection
                    && introspection.getTokenClaims().isActive()
                    && introspection.getPrincipal() instanceof OAuth2ClientAuthenticationToken caller
                    && caller.getRegisteredClient() != null
                    && !caller.getRegisteredClient().getClientId().equals(introspection.getTokenClaims().getClientId())) {
                return new OAuth2TokenIntrospectionAuthenticationToken(introspection.getToken(), caller,
                        OAuth2TokenIntrospection.builder().build());
            }
            return result;
        }

        @Override
        public boolean supports(Class<?> authentication) {
            return delegate.supports(authentication);
        }
    }

    /** A secret check for an unknown client id too (against a fixed hash), then the same "invalid_client". */
    static final class EqualTimingClientSecrets implements AuthenticationProvider {

        private static final Set<ClientAuthenticationMethod> SECRET_METHODS =
                Set.of(ClientAuthenticationMethod.CLIENT_SECRET_BASIC, ClientAuthenticationMethod.CLIENT_SECRET_POST);

        private final AuthenticationProvider delegate;
        private final RegisteredClientRepository clients;
        private final PasswordEncoder encoder;
        private final String unknownClientHash;

        EqualTimingClientSecrets(AuthenticationProvider delegate, RegisteredClientRepository clients, PasswordEncoder encoder) {
            this.delegate = delegate;
            this.clients = clients;
            this.encoder = encoder;
            this.unknownClientHash = encoder.encode(java.util.UUID.randomUUID().toString());
        }

        @Override
        public Authentication authenticate(Authentication authentication) throws AuthenticationException {
            if (authentication instanceof OAuth2ClientAuthenticationToken client
                    && SECRET_METHODS.contains(client.getClientAuthenticationMethod())
                    && clients.findByClientId(String.valueOf(client.getPrincipal())) == null) {
                encoder.matches(String.valueOf(client.getCredentials()), unknownClientHash);
                throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT,
                        "Client authentication failed: " + OAuth2ParameterNames.CLIENT_ID, null));
            }
            return delegate.authenticate(authentication);
        }

        @Override
        public boolean supports(Class<?> authentication) {
            return delegate.supports(authentication);
        }

        private static final class OAuth2ParameterNames {
            static final String CLIENT_ID = "client_id";
        }
    }

    /**
     * Growing delays for failed client authentications at the token endpoint: by address, and by address and
     * client id. While a delay runs the request is answered 429 with Retry-After, without checking the secret.
     */
    static final class TokenEndpointThrottling extends OncePerRequestFilter {

        private final Throttle throttle;

        TokenEndpointThrottling(Throttle throttle) {
            this.throttle = throttle;
        }

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            return !("POST".equals(request.getMethod()) && "/oauth2/token".equals(request.getRequestURI().substring(request.getContextPath().length())));
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String address = request.getRemoteAddr();
            String pair = Throttle.pair(address, clientId(request));
            Duration wait = max(throttle.waitFor(Throttle.TOKEN_ADDRESS, address), throttle.waitFor(Throttle.TOKEN_PAIR, pair));
            if (!wait.isZero()) {
                response.setStatus(429);
                response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, wait.toSeconds())));
                response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
                response.setContentType(MediaType.APPLICATION_JSON_VALUE);
                response.getWriter().write("{\"error\":\"temporarily_unavailable\",\"error_description\":"
                        + "\"Too many failed client authentications; retry after the time in Retry-After.\"}");
                return;
            }
            chain.doFilter(request, response);
            if (response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED) {
                throttle.failed(Throttle.TOKEN_ADDRESS, address);
                throttle.failed(Throttle.TOKEN_PAIR, pair);
            } else if (response.getStatus() == HttpServletResponse.SC_OK) {
                throttle.succeeded(Throttle.TOKEN_PAIR, pair);
            }
        }

        private static Duration max(Duration a, Duration b) {
            return a.compareTo(b) >= 0 ? a : b;
        }

        /** The client id of HTTP Basic or of the form; empty when neither names one. */
        static String clientId(HttpServletRequest request) {
            String header = request.getHeader(HttpHeaders.AUTHORIZATION);
            if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
                try {
                    String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
                    int colon = decoded.indexOf(':');
                    return java.net.URLDecoder.decode(colon < 0 ? decoded : decoded.substring(0, colon), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    return "";
                }
            }
            String form = request.getParameter("client_id");
            return form == null ? "" : form;
        }
    }
}
