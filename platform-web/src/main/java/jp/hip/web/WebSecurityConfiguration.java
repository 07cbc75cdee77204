package jp.hip.web;

import java.time.Duration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

import jp.hip.identity.Role;
import jp.hip.identity.secondfactor.SecondFactors;
import jp.hip.identity.SignedInUser;
import jp.hip.web.signin.SecondFactorGate;

/**
 * Security for people at a browser: form login, sessions (stored in PostgreSQL by Spring Session so several
 * app instances share them), CSRF on every form, strict security headers. Each path prefix names its roles;
 * whatever is not listed is denied.
 */
@Configuration(proxyBeanMethods = false)
class WebSecurityConfiguration {

    /** Content-Security-Policy: our own scripts, styles and images only; no framing. */
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
            + "frame-ancestors 'none'";

    @Bean
    @Order(10)
    SecurityFilterChain webChain(HttpSecurity http, jp.hip.identity.throttling.Throttle throttle, SecondFactors secondFactors) throws Exception {
        SignInThrottling throttling = new SignInThrottling(throttle);
        http.addFilterBefore(throttling, org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter.class)
                .addFilterBefore(new SecondFactorGate(), org.springframework.security.web.access.intercept.AuthorizationFilter.class)
                .authorizeHttpRequests(requests -> requests
                        // public
                        .requestMatchers("/", "/login", "/invitation/**", "/join", "/error", "/css/**", "/js/**", "/images/**",
                                "/favicon.ico", "/actuator/health", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html",
                                "/swagger-ui/**").permitAll()
                        // public guideline list, permalinks and live logos (guideline registry)
                        .requestMatchers("/guidelines", "/guidelines/**").permitAll()
                        // signed in, any role; the second factor's pages also between password and code (ADR 0008)
                        .requestMatchers("/home").authenticated()
                        .requestMatchers(SecondFactorGate.CODE_PAGE, "/login/second-factor/**").authenticated()
                        // per role
                        // accounting: company viewers read, only HR staff write
                        .requestMatchers(org.springframework.http.HttpMethod.POST, "/company/**").hasRole(Role.HR_STAFF.name())
                        // and never see a write form: the forms to create, change, delete and import are HR staff's too
                        .requestMatchers("/company/measures/new", "/company/*/*/edit", "/company/*/*/delete", "/company/import",
                                "/company/strategy-map/delete", "/company/years/copy")
                                .hasRole(Role.HR_STAFF.name())
                        .requestMatchers("/company/**").hasAnyRole(Role.HR_STAFF.name(), Role.COMPANY_VIEWER.name())
                        .requestMatchers("/insurer/**").hasRole(Role.INSURER_STAFF.name())
                        .requestMatchers("/registry/**").hasRole(Role.REGISTRY_OFFICER.name())
                        .requestMatchers("/association/**").hasRole(Role.ASSOCIATION_USER.name())
                        .requestMatchers("/me/**").hasRole(Role.INDIVIDUAL.name())
                        .requestMatchers("/tenant/**").hasRole(Role.TENANT_ADMIN.name())
                        .requestMatchers("/admin/**").hasRole(Role.PLATFORM_ADMIN.name())
                        // SMART app authorisation (ADR 0033): consent page for individuals, refusal page for others
                        .requestMatchers("/smart/consent").hasRole(Role.INDIVIDUAL.name())
                        .requestMatchers("/smart/refused", "/smart/continue").authenticated()
                        .anyRequest().denyAll())
                .formLogin(form -> form
                        .loginPage("/login")
                        .usernameParameter("email")
                        .successHandler(successHandler(throttling, secondFactors))
                        .failureHandler(failureHandler(throttling))
                        .permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                // the session cookie (SESSION or __Host-SESSION) is expired by Spring Session when the session ends
                .sessionManagement(session -> session
                        .invalidSessionUrl("/login?expired")
                        .sessionFixation(fixation -> fixation.changeSessionId()))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CSP))
                        .httpStrictTransportSecurity(hsts -> hsts.includeSubDomains(true).maxAgeInSeconds(Duration.ofDays(365).toSeconds()))
                        .frameOptions(frame -> frame.deny())
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }

    /**
     * After sign-in: back to a SMART app's authorize request that sent the browser here (saved by the authorization
     * server's chain, ADR 0033), otherwise always the role home.
     */
    private static org.springframework.security.web.authentication.AuthenticationSuccessHandler successHandler(
            SignInThrottling throttling, SecondFactors secondFactors) {
        var authorizeRequests = new org.springframework.security.web.savedrequest.HttpSessionRequestCache();
        authorizeRequests.setMatchingRequestParameterName(null);
        return (request, response, authentication) -> {
            throttling.succeeded(request);
            var saved = authorizeRequests.getRequest(request, response);
            authorizeRequests.removeRequest(request, response);
            String target = saved == null ? null : saved.getRedirectUrl();
            String authorize = org.springframework.web.util.UriComponentsBuilder.fromUriString(
                    request.getRequestURL().toString()).replacePath(request.getContextPath() + "/oauth2/authorize")
                    .replaceQuery(null).build().toUriString();
            String next = "/home";
            if (target != null && target.startsWith(authorize + "?")) {
                // not a redirect: browsers hold the redirects after a form POST to the login page's form-action
                // 'self', and the authorize request may go straight on to the app (SmartConsentController#proceed)
                request.getSession().setAttribute(SmartConsentController.CONTINUE_ATTRIBUTE, target);
                next = "/smart/continue";
            }
            if (authentication.getPrincipal() instanceof SignedInUser user && secondFactors.neededAtSignIn(user)) {
                // the password was right; the roles wait for the code (ADR 0008)
                SecondFactorGate.holdForCode(user, next, request, response);
                next = SecondFactorGate.CODE_PAGE;
            }
            response.sendRedirect(request.getContextPath() + next);
        };
    }

    /**
     * Says why sign-in failed without telling which of e-mail or password was wrong, or whether the e-mail exists
     * (only the right password for a disabled account learns that it is disabled). Wrong ones count for throttling.
     */
    private static AuthenticationFailureHandler failureHandler(SignInThrottling throttling) {
        return (request, response, exception) -> {
            String reason = exception instanceof DisabledException ? "disabled" : "bad";
            if (exception instanceof org.springframework.security.authentication.BadCredentialsException) {
                throttling.failed(request);
            }
            response.sendRedirect(request.getContextPath() + "/login?error=" + reason);
        };
    }
}
