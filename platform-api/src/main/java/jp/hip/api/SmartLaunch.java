package jp.hip.api;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import jp.hip.identity.CurrentTenant;
import jp.hip.identity.IdentityManagement;
import jp.hip.identity.Role;
import jp.hip.identity.SignedInUser;
import jp.hip.identity.UserStatus;
import jp.hip.identity.UserView;
import jp.hip.phr.persons.PhrPersons;

/**
 * The SMART standalone patient launch on the authorization server (ADR 0033): who may authorise an app, what
 * the patient-level access token carries ({@value ApiSecurityConfiguration#TENANT_CLAIM} = the individual's
 * PERSONAL tenant, {@value #PATIENT_CLAIM} = their person, the FHIR Patient id) and the token response's
 * {@code patient} parameter.
 */
@Component
class SmartLaunch {

    static final String PATIENT_CLAIM = "patient";
    static final String CLIENT_ID_CLAIM = "client_id";
    /** The web page that tells a signed-in user who is not a linked individual that they cannot authorise apps. */
    static final String REFUSED_PAGE = "/smart/refused";

    static final RequestMatcher AUTHORIZE = PathPatternRequestMatcher.withDefaults().matcher("/oauth2/authorize");

    private final IdentityManagement identity;
    private final PhrPersons records;

    SmartLaunch(IdentityManagement identity, PhrPersons records) {
        this.identity = identity;
        this.records = records;
    }

    static boolean isPatientScope(String scope) {
        return scope.startsWith("patient/") || scope.startsWith("launch");
    }

    /**
     * On /oauth2/authorize only: a signed-in individual linked to a person continues as a plain principal named by
     * the user id (what the authorization server stores with the code and the consent); any other signed-in user is
     * sent to the refusal page. The session's own security context is left untouched.
     */
    OncePerRequestFilter authorizeFilter() {
        return new OncePerRequestFilter() {
            @Override
            protected boolean shouldNotFilter(HttpServletRequest request) {
                return !AUTHORIZE.matches(request);
            }

            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                Authentication current = SecurityContextHolder.getContext().getAuthentication();
                if (current != null && current.getPrincipal() instanceof SignedInUser user) {
                    if (!user.hasRole(Role.INDIVIDUAL) || records.personOf(user.tenantId()).isEmpty()) {
                        response.sendRedirect(request.getContextPath() + REFUSED_PAGE);
                        return;
                    }
                    SecurityContext context = SecurityContextHolder.createEmptyContext();
                    context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user.id().toString(), null,
                            List.of(new SimpleGrantedAuthority(Role.INDIVIDUAL.authority()))));
                    SecurityContextHolder.setContext(context);
                }
                chain.doFilter(request, response);
            }
        };
    }

    /**
     * Claims of an access token: for the authorization_code grant the individual's PERSONAL tenant and person,
     * looked up again now (a user disabled or unlinked since the approval gets no token); client credentials never
     * carry patient scopes.
     */
    void customize(JwtEncodingContext context) {
        boolean patientScopes = context.getAuthorizedScopes().stream().anyMatch(SmartLaunch::isPatientScope);
        if (!AuthorizationGrantType.AUTHORIZATION_CODE.equals(context.getAuthorizationGrantType())) {
            if (patientScopes) {
                throw denied("patient scopes need the authorization_code grant");
            }
            return;
        }
        UUID userId;
        try {
            userId = UUID.fromString(context.getPrincipal().getName());
        } catch (IllegalArgumentException e) {
            throw denied("unknown user");
        }
        Optional<UserView> user = CurrentTenant.runAsSystem(() -> identity.user(userId));
        UserView individual = user.filter(u -> u.status() == UserStatus.ACTIVE && u.roles().contains(Role.INDIVIDUAL))
                .orElseThrow(() -> denied("not an individual"));
        // the token endpoint has no signed-in tenant: the person is looked up as the individual's own tenant (本人,
        // row-level security on phr_person, ADR 0090)
        UUID person = CurrentTenant.runAs(individual.tenantId(), () -> records.personOf(individual.tenantId()))
                .orElseThrow(() -> denied("no linked person"));
        context.getClaims().claim(ApiSecurityConfiguration.TENANT_CLAIM, individual.tenantId().toString())
                .claim(PATIENT_CLAIM, person.toString())
                .claim(CLIENT_ID_CLAIM, context.getRegisteredClient().getClientId());
    }

    private static OAuth2AuthenticationException denied(String why) {
        return new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT, "The grant cannot be used: " + why, null));
    }

    /** SMART: the token response names the patient in context beside the token. */
    static java.util.function.Consumer<OAuth2AccessTokenAuthenticationContext> patientInResponse(JwtDecoder decoder) {
        return context -> {
            OAuth2AccessTokenAuthenticationToken token = context.getAuthentication();
            if (token.getAccessToken().getScopes().stream().noneMatch(SmartLaunch::isPatientScope)) {
                return;
            }
            String patient = decoder.decode(token.getAccessToken().getTokenValue()).getClaimAsString(PATIENT_CLAIM);
            if (patient != null) {
                Map<String, Object> parameters = new HashMap<>(token.getAdditionalParameters());
                parameters.put(PATIENT_CLAIM, patient);
                context.getAccessTokenResponse().additionalParameters(parameters);
            }
        };
    }
}
