package jp.hip.phr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import jp.hip.ApiTokens;
import jp.hip.identity.CurrentTenant;
import jp.hip.identity.IdentityManagement;

/**
 * Test fixture shared by the FHIR tests (issue 15): client-credentials tokens (over MockMvc or real HTTP), requests
 * with a bearer token and FHIR JSON bodies, and readers of the resources and OperationOutcomes answered.
 */
@Component
public class FhirTestClient {

    static final String FHIR_JSON = "application/fhir+json";

    private final ApiTokens tokens;
    private final ObjectProvider<MockMvc> mvc;
    private final IdentityManagement identity;

    FhirTestClient(ApiTokens tokens, ObjectProvider<MockMvc> mvc, IdentityManagement identity) {
        this.tokens = tokens;
        this.mvc = mvc;
        this.identity = identity;
    }

    /** A client-credentials token over MockMvc for a new API client of the tenant with these (space separated) scopes. */
    public String tokenFor(UUID tenant, String scopes) throws Exception {
        return tokenFor(tenant, scopes, false);
    }

    /** The same; {@code recordsConsents}: a platform administrator allowed the client to record consents. */
    public String tokenFor(UUID tenant, String scopes, boolean recordsConsents) throws Exception {
        ApiTokens.Client client = tokens.register(tenant, scopes.split(" "));
        if (recordsConsents) {
            CurrentTenant.runAsSystem(() -> {
                identity.allowConsentRecording(client.clientId(), true);
                return null;
            });
        }
        return ApiTokens.token(mvc.getObject(), client, scopes);
    }

    /** A client-credentials token from the token endpoint of the app running at {@code port} (real HTTP). */
    public String httpTokenFor(int port, UUID tenant, String scopes) throws Exception {
        ApiTokens.Client registered = tokens.register(tenant, scopes.split(" "));
        String basic = Base64.getEncoder().encodeToString((registered.clientId() + ":" + registered.secret()).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/oauth2/token"))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope="
                        + URLEncoder.encode(scopes, StandardCharsets.UTF_8)))
                .build();
        String body = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
        Matcher matcher = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(body);
        assertThat(matcher.find()).as(body).isTrue();
        return matcher.group(1);
    }

    /** HAPI's generic client for the app running at {@code port}, sending the bearer token. */
    public static IGenericClient genericClient(int port, String bearer) {
        FhirContext context = FhirContext.forR4();
        context.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        IGenericClient client = context.newRestfulGenericClient("http://localhost:" + port + "/fhir");
        client.registerInterceptor(new BearerTokenAuthInterceptor(bearer));
        return client;
    }

    /** The request over MockMvc, with the bearer token unless it is null. */
    public MockHttpServletResponse perform(MockHttpServletRequestBuilder request, String bearer) throws Exception {
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return mvc.getObject().perform(request).andReturn().getResponse();
    }

    /** A POST of a FHIR JSON body. */
    public MockHttpServletResponse postJson(String url, String body, String bearer) throws Exception {
        return perform(post(url).contentType(FHIR_JSON).content(body), bearer);
    }

    /** The resource of a FHIR JSON answer. */
    public static <T extends IBaseResource> T parse(MockHttpServletResponse response, Class<T> type) throws Exception {
        return PhrFhir.fhirContext().newJsonParser().parseResource(type, response.getContentAsString());
    }

    /** The OperationOutcome of a FHIR JSON answer. */
    public static OperationOutcome outcome(MockHttpServletResponse response) throws Exception {
        return parse(response, OperationOutcome.class);
    }
}
