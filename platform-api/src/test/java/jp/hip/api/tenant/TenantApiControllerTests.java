package jp.hip.api.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import jp.hip.api.ApiSlice;
import jp.hip.identity.IdentityManagement;

/** The tenant API's own answers: problem details for a bad id, an unknown id and an invalid body; the facade untouched. */
@ApiSlice(TenantApiController.class)
class TenantApiControllerTests {

    @Autowired MockMvcTester mvc;
    @MockitoBean IdentityManagement identity;

    @Test
    void aUserIdThatIsNotAUuidIsNotFoundAsAProblemDetail() {
        var result = mvc.get().uri("/api/v1/users/not-a-uuid").exchange();
        assertThat(result).hasStatus(404).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.status").isEqualTo(404);
        assertThat(result).bodyJson().extractingPath("$.detail").isEqualTo("No such resource."); // the input is not quoted
        verifyNoInteractions(identity);
    }

    @Test
    void anUnknownUserIsNotFound() {
        UUID id = UUID.randomUUID();
        Mockito.when(identity.user(id)).thenReturn(Optional.empty());
        assertThat(mvc.get().uri("/api/v1/users/{id}", id)).hasStatus(404).bodyJson().extractingPath("$.detail").isEqualTo("No such user.");
    }

    @Test
    void anInvitationWithoutFieldsIsABadRequestAndInvitesNobody() {
        var result = mvc.post().uri("/api/v1/users").with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"email\":\"\",\"displayName\":\"\",\"roles\":[]}").exchange();
        assertThat(result).hasStatus(400).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        verifyNoInteractions(identity);
    }

    @Test
    void anUnknownRoleIsABadRequest() {
        var result = mvc.post().uri("/api/v1/users").with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"email\":\"a@example.jp\",\"displayName\":\"A\",\"roles\":[\"OWNER\"]}").exchange();
        assertThat(result).hasStatus(400);
        verifyNoInteractions(identity);
    }
}
