package jp.hip.api;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * Security for machines: the authorization server's endpoints ({@code /oauth2/**}: client-credentials tokens
 * for integrations) and the stateless {@code /api/**} chain that accepts those tokens. Each client is bound to
 * one tenant: the token carries {@value #TENANT_CLAIM}, which becomes the request's tenant.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurityConfiguration {

    static final String TENANT_CLAIM = "tenant_id";
    static final String TENANT_SETTING = "hip.tenant_id";

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServerChain(HttpSecurity http, ProblemResponses problems, SmartLaunch smart,
            JwtDecoder decoder, RegisteredClientRepository clients,
            org.springframework.security.crypto.password.PasswordEncoder passwordEncoder,
            jp.hip.identity.throttling.Throttle throttle) throws Exception {
        // SMART standalone launch (ADR 0033): /oauth2/authorize uses the browser session of the web chain's form
        // login and comes back to the saved authorize request after sign-in; nothing else here touches a session.
        org.springframework.security.web.savedrequest.HttpSessionRequestCache authorizeRequests =
                new org.springframework.security.web.savedrequest.HttpSessionRequestCache();
        authorizeRequests.setRequestMatcher(SmartLaunch.AUTHORIZE);
        authorizeRequests.setMatchingRequestParameterName(null);
        var signIn = new org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint("/login");
        var tokenResponses = new org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2AccessTokenResponseAuthenticationSuccessHandler();
        tokenResponses.setAccessTokenResponseCustomizer(SmartLaunch.patientInResponse(decoder));
        http.securityMatcher("/oauth2/**", "/.well-known/oauth-authorization-server", "/.well-known/oauth-authorization-server/**")
                .oauth2AuthorizationServer(server -> server
                        .authorizationEndpoint(authorize -> authorize.consentPage("/smart/consent")
                                .authenticationProviders(AuthorizationServerHardening::exactRedirectUris))
                        .tokenEndpoint(token -> token.accessTokenResponseHandler(tokenResponses))
                        .tokenIntrospectionEndpoint(introspection -> introspection
                                .authenticationProviders(AuthorizationServerHardening::ownTokensOnly))
                        .clientAuthentication(client -> client.authenticationProviders(
                                AuthorizationServerHardening.equalTimingForUnknownClients(clients, passwordEncoder))))
                .addFilterBefore(new AuthorizationServerHardening.TokenEndpointThrottling(throttle),
                        org.springframework.security.web.authentication.preauth.AbstractPreAuthenticatedProcessingFilter.class)
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED))
                .requestCache(cache -> cache.requestCache(authorizeRequests))
                .addFilterAfter(smart.authorizeFilter(), org.springframework.security.web.context.SecurityContextHolderFilter.class)
                .exceptionHandling(errors -> errors.authenticationEntryPoint((request, response, e) -> {
                    if (SmartLaunch.AUTHORIZE.matches(request)) {
                        signIn.commence(request, response, e);
                    } else {
                        problems.unauthorized(request, response, e);
                    }
                }));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain apiChain(HttpSecurity http, ProblemResponses problems, ClientCredentialsIssuer issuer,
            OAuth2AuthorizationService authorizations) throws Exception {
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/api/v1/tenant").authenticated()
                        // the guideline list's verification API is public: no token needed
                        .requestMatchers(HttpMethod.GET, "/api/v1/public/guidelines", "/api/v1/public/guidelines/*").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/v1/users", "/api/v1/users/*").hasAuthority("SCOPE_users.read")
                        .requestMatchers(HttpMethod.POST, "/api/v1/users").hasAuthority("SCOPE_users.write")
                        .requestMatchers(HttpMethod.GET, "/api/v1/accounting/**").hasAuthority("SCOPE_accounting.read")
                        .requestMatchers("/api/v1/accounting/**").hasAuthority("SCOPE_accounting.write")
                        .requestMatchers(HttpMethod.POST, "/api/v1/phr/checkup-imports").hasAuthority("SCOPE_phr.checkups.write")
                        .requestMatchers(HttpMethod.GET, "/api/v1/collabo/**").hasAuthority("SCOPE_collabo.read")
                        .anyRequest().denyAll())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(new ApiClientConverter(TokenState.active(authorizations), issuer::registered)))
                        .authenticationEntryPoint(problems::unauthorized)
                        .accessDeniedHandler(problems::forbidden))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(problems::unauthorized)
                        .accessDeniedHandler(problems::forbidden))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable()); // bearer tokens, no cookies: nothing for CSRF to forge
        return http.build();
    }

    /**
     * FHIR R4 under /fhir (issue 6): the same bearer tokens, SMART-style system scopes per resource and
     * interaction; refusals as OperationOutcome. Bundles name their entries' scopes, checked per entry.
     */
    @Bean
    @Order(3)
    SecurityFilterChain fhirChain(HttpSecurity http, jp.hip.api.fhir.FhirSecurityResponses outcomes, SmartApps apps,
            ClientCredentialsIssuer issuer, OAuth2AuthorizationService authorizations) throws Exception {
        http.securityMatcher("/fhir", "/fhir/**")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.GET, "/fhir/metadata", "/fhir/.well-known/smart-configuration").permitAll()
                        // each read/search/create accepts the system scope or the matching SMART patient scope (ADR 0033)
                        .requestMatchers(HttpMethod.GET, "/fhir/Patient", "/fhir/Patient/*").hasAnyAuthority("SCOPE_system/Patient.rs", "SCOPE_patient/Patient.rs")
                        .requestMatchers(HttpMethod.GET, "/fhir/Patient/*/$everything").access(
                                org.springframework.security.authorization.AuthorizationManagers.allOf(
                                        org.springframework.security.authorization.AuthorityAuthorizationManager.hasAnyAuthority("SCOPE_system/Patient.rs", "SCOPE_patient/Patient.rs"),
                                        org.springframework.security.authorization.AuthorityAuthorizationManager.hasAnyAuthority("SCOPE_system/Observation.rs", "SCOPE_patient/Observation.rs")))
                        .requestMatchers(HttpMethod.POST, "/fhir/Patient").hasAuthority("SCOPE_system/Patient.c")
                        .requestMatchers(HttpMethod.GET, "/fhir/Observation", "/fhir/Observation/*").hasAnyAuthority("SCOPE_system/Observation.rs", "SCOPE_patient/Observation.rs")
                        .requestMatchers(HttpMethod.POST, "/fhir/Observation").hasAnyAuthority("SCOPE_system/Observation.c", "SCOPE_patient/Observation.c")
                        .requestMatchers(HttpMethod.POST, "/fhir/Observation/$bulk-ingest").hasAuthority("SCOPE_system/Observation.c")
                        .requestMatchers(HttpMethod.PUT, "/fhir/Observation/*").hasAuthority("SCOPE_system/Observation.u")
                        .requestMatchers(HttpMethod.POST, "/fhir/Observation/$validate", "/fhir/Patient/$validate").authenticated()
                        .requestMatchers(HttpMethod.GET, "/fhir/Consent", "/fhir/Consent/*").hasAnyAuthority("SCOPE_system/Consent.rs", "SCOPE_patient/Consent.rs")
                        .requestMatchers(HttpMethod.POST, "/fhir/Consent").hasAnyAuthority("SCOPE_system/Consent.c", "SCOPE_patient/Consent.c")
                        .requestMatchers(HttpMethod.GET, "/fhir/MedicationStatement", "/fhir/MedicationStatement/*").hasAnyAuthority("SCOPE_system/MedicationStatement.rs", "SCOPE_patient/MedicationStatement.rs")
                        .requestMatchers(HttpMethod.POST, "/fhir/MedicationStatement").hasAuthority("SCOPE_system/MedicationStatement.c")
                        .requestMatchers(HttpMethod.POST, "/fhir").authenticated()
                        // interactions not offered: 405 with Allow (FhirUnsupportedInteractions), for any valid token
                        .requestMatchers(HttpMethod.DELETE, "/fhir", "/fhir/*", "/fhir/*/*").authenticated()
                        .requestMatchers(HttpMethod.PATCH, "/fhir", "/fhir/*", "/fhir/*/*").authenticated()
                        .requestMatchers(HttpMethod.PUT, "/fhir", "/fhir/*", "/fhir/Patient/*", "/fhir/Consent/*", "/fhir/MedicationStatement/*").authenticated()
                        // vread and instance history of an Observation: a read (ADR 0048)
                        .requestMatchers(HttpMethod.GET, "/fhir/Observation/*/_history", "/fhir/Observation/*/_history/*").hasAnyAuthority("SCOPE_system/Observation.rs", "SCOPE_patient/Observation.rs")
                        .requestMatchers("/fhir/_history", "/fhir/*/_history", "/fhir/*/*/_history", "/fhir/*/*/_history/*").authenticated()
                        .anyRequest().denyAll())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(new ApiClientConverter(TokenState.active(authorizations), issuer::registered, apps::stillAuthorised)))
                        .authenticationEntryPoint(outcomes::unauthorized)
                        .accessDeniedHandler(outcomes::forbidden))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(outcomes::unauthorized)
                        .accessDeniedHandler(outcomes::forbidden))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable()); // bearer tokens, no cookies: nothing for CSRF to forge
        return http.build();
    }

    @Bean
    RegisteredClientRepository registeredClientRepository(JdbcTemplate jdbc) {
        return new JdbcRegisteredClientRepository(jdbc);
    }

    @Bean
    OAuth2AuthorizationService authorizationService(JdbcTemplate jdbc, RegisteredClientRepository clients) {
        return new JdbcOAuth2AuthorizationService(jdbc, clients);
    }

    /** The consents individuals gave to SMART apps (V4, ADR 0033). */
    @Bean
    org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService authorizationConsentService(
            JdbcTemplate jdbc, RegisteredClientRepository clients) {
        return new org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationConsentService(jdbc, clients);
    }

    @Bean
    JWKSource<SecurityContext> jwkSource(SigningKeys keys) {
        return new ImmutableJWKSet<>(new JWKSet(keys.current()));
    }

    @Bean
    JwtDecoder jwtDecoder(SigningKeys keys) throws JOSEException {
        return NimbusJwtDecoder.withPublicKey(keys.current().toRSAPublicKey()).build();
    }

    /** Puts the client's tenant into every access token it is issued. */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> tenantClaim(SmartLaunch smart) {
        return context -> {
            if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                smart.customize(context); // SMART: tenant and patient of the individual; no patient scopes otherwise
                Object tenant = context.getRegisteredClient().getClientSettings().getSetting(TENANT_SETTING);
                if (tenant != null) {
                    context.getClaims().claim(TENANT_CLAIM, tenant.toString());
                }
            }
        };
    }

    /** Turns a validated token into an {@link ApiClient} principal; a token without a tenant is refused. */
    static final class ApiClientConverter implements Converter<Jwt, AbstractAuthenticationToken> {

        /** Is this very token still active in the authorization server's table (not revoked, not invalidated)? */
        private final java.util.function.Predicate<Jwt> tokenActive;

        /** For client-credentials tokens: is the client still registered (not revoked)? */
        private final java.util.function.Predicate<String> registered;

        /** For SMART patient-level tokens (client id, user id): is the app still authorised? None outside /fhir. */
        private final java.util.function.BiPredicate<String, String> stillAuthorised;

        ApiClientConverter(java.util.function.Predicate<Jwt> tokenActive, java.util.function.Predicate<String> registered) {
            this(tokenActive, registered, (clientId, userId) -> false);
        }

        ApiClientConverter(java.util.function.Predicate<Jwt> tokenActive, java.util.function.Predicate<String> registered,
                java.util.function.BiPredicate<String, String> stillAuthorised) {
            this.tokenActive = tokenActive;
            this.registered = registered;
            this.stillAuthorised = stillAuthorised;
        }

        @Override
        public AbstractAuthenticationToken convert(Jwt jwt) {
            if (!tokenActive.test(jwt)) {
                // revoked at /oauth2/revoke, invalidated by a replayed authorization code, or never issued here (probe M2)
                throw new org.springframework.security.oauth2.server.resource.InvalidBearerTokenException("token not active");
            }
            String tenant = jwt.getClaimAsString(TENANT_CLAIM);
            if (tenant == null) {
                throw new org.springframework.security.oauth2.server.resource.InvalidBearerTokenException("token names no tenant");
            }
            Set<String> scopes = new HashSet<>();
            Object scopeClaim = jwt.getClaims().get("scope");
            if (scopeClaim instanceof Collection<?> list) {
                list.forEach(s -> scopes.add(s.toString()));
            } else if (scopeClaim instanceof String text) {
                scopes.addAll(List.of(text.split(" ")));
            }
            // SMART patient-level token (ADR 0033): names the app in client_id and the person in patient
            String patient = jwt.getClaimAsString(SmartLaunch.PATIENT_CLAIM);
            if (patient == null && scopes.stream().anyMatch(SmartLaunch::isPatientScope)) {
                throw new org.springframework.security.oauth2.server.resource.InvalidBearerTokenException("patient scopes without a patient");
            }
            if (patient != null && scopes.stream().anyMatch(s -> s.startsWith("system/"))) {
                throw new org.springframework.security.oauth2.server.resource.InvalidBearerTokenException("patient token with system scopes");
            }
            String clientId = patient == null ? jwt.getSubject() : jwt.getClaimAsString(SmartLaunch.CLIENT_ID_CLAIM);
            if (patient != null && (clientId == null || !stillAuthorised.test(clientId, jwt.getSubject()))) {
                throw new org.springframework.security.oauth2.server.resource.InvalidBearerTokenException("app not authorised (any more)");
            }
            if (patient == null && !registered.test(clientId)) {
                throw new org.springframework.security.oauth2.server.resource.InvalidBearerTokenException("client revoked");
            }
            ApiClient client = new ApiClient(clientId, UUID.fromString(tenant), Set.copyOf(scopes),
                    patient == null ? null : UUID.fromString(patient));
            List<GrantedAuthority> authorities = scopes.stream()
                    .map(s -> (GrantedAuthority) new SimpleGrantedAuthority("SCOPE_" + s))
                    .toList();
            return new ApiClientAuthentication(client, jwt, authorities);
        }
    }

    static final class ApiClientAuthentication extends AbstractAuthenticationToken {

        private final ApiClient client;
        private final Jwt jwt;

        ApiClientAuthentication(ApiClient client, Jwt jwt, Collection<? extends GrantedAuthority> authorities) {
            super(authorities);
            this.client = client;
            this.jwt = jwt;
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return jwt;
        }

        @Override
        public Object getPrincipal() {
            return client;
        }

        @Override
        public String getName() {
            return client.clientId();
        }
    }
}
