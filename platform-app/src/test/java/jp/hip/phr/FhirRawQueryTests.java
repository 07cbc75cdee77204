package jp.hip.phr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

import jp.hip.TestDatabase;

/**
 * A raw {@code |} in a FHIR query string over real HTTP (issue 10, bad input): Tomcat lets it through and the answer
 * is a 400 OperationOutcome naming the parameter, not Tomcat's HTML page; encoded as %7C the same search works.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = TestDatabase.class)
class FhirRawQueryTests {

    @LocalServerPort int port;
    @Autowired PhrFixture fixture;
    @Autowired FhirTestClient fhir;

    PhrFixture.Member member;
    String token;

    @BeforeEach
    void setUp() throws Exception {
        UUID insurer = fixture.insurer();
        member = fixture.member(insurer);
        String scopes = "system/Observation.rs system/Patient.rs";
        token = fhir.httpTokenFor(port, insurer, scopes);
    }

    /** A GET whose request target is sent byte for byte (java.net.URI would refuse the raw |). */
    String[] rawGet(String target, String bearer) throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: localhost:" + port + "\r\n"
                    + (bearer == null ? "" : "Authorization: Bearer " + bearer + "\r\n")
                    + "Accept: application/fhir+json\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String response = all.toString(StandardCharsets.UTF_8);
            String status = response.substring(9, 12);
            String head = response.substring(0, response.indexOf("\r\n\r\n"));
            String body = response.substring(response.indexOf("\r\n\r\n") + 4);
            return new String[] {status, head, body};
        }
    }

    @Test
    void aRawBarIsA400OperationOutcomeNamingTheParameter() throws Exception {
        String subject = "subject=Patient/" + member.personId();
        String[] raw = rawGet("/fhir/Observation?" + subject + "&code=urn:oid:1.2.392.200119.6.1005|9N006000000000001", token);
        assertThat(raw[0]).as(raw[2]).isEqualTo("400");
        assertThat(raw[1].toLowerCase()).contains("content-type: application/fhir+json");
        String json = raw[2].substring(raw[2].indexOf('{'), raw[2].lastIndexOf('}') + 1); // chunked framing around it
        OperationOutcome outcome = PhrFhir.fhirContext().newJsonParser().parseResource(OperationOutcome.class, json);
        assertThat(outcome.getIssue()).singleElement().satisfies(issue -> {
            assertThat(issue.getExpression().get(0).getValue()).isEqualTo("code");
            assertThat(issue.getDiagnostics()).contains("code").contains("%7C");
        });
        // every parameter holding one is named
        String[] two = rawGet("/fhir/Observation?identifier=urn:x|1&code=a|b", token);
        String twoJson = two[2].substring(two[2].indexOf('{'), two[2].lastIndexOf('}') + 1);
        assertThat(PhrFhir.fhirContext().newJsonParser().parseResource(OperationOutcome.class, twoJson).getIssue())
                .extracting(i -> i.getExpression().get(0).getValue()).containsExactly("identifier", "code");
        // encoded, the same search runs
        String[] encoded = rawGet("/fhir/Observation?" + subject + "&code=urn:oid:1.2.392.200119.6.1005%7C9N006000000000001", token);
        assertThat(encoded[0]).as(encoded[2]).isEqualTo("200");
        // without a token it is still 401 first
        assertThat(rawGet("/fhir/Observation?code=a|b", null)[0]).isEqualTo("401");
    }
}
