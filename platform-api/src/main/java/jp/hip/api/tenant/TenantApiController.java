package jp.hip.api.tenant;

import java.util.List;
import java.util.UUID;

import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import org.springframework.security.core.annotation.AuthenticationPrincipal;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.security.core.annotation.AuthenticationPrincipal;

import io.swagger.v3.oas.annotations.tags.Tag;
import jp.hip.api.ApiClient;
import jp.hip.api.NotFoundException;
import jp.hip.identity.IdentityManagement;
import jp.hip.identity.Role;
import jp.hip.identity.TenantView;
import jp.hip.identity.UserView;

/** The calling client's own tenant and its users. Another tenant's users are simply not found. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Tenant")
class TenantApiController {

    private final IdentityManagement identity;

    TenantApiController(IdentityManagement identity) {
        this.identity = identity;
    }

    @GetMapping("/tenant")
    @Operation(summary = "The tenant the calling client acts for")
    TenantView tenant(@AuthenticationPrincipal ApiClient client) {
        return identity.tenant(client.tenantId()).orElseThrow(() -> new NotFoundException("tenant"));
    }

    @GetMapping("/users")
    @Operation(summary = "Users of the client's tenant (scope users.read)")
    List<UserView> users() {
        return identity.usersOfCurrentTenant();
    }

    /** What an HR system sends to invite a user. */
    record InviteUserRequest(@NotBlank String email, @NotBlank String displayName, @NotEmpty Set<Role> roles) {}

    /** The invited user's record and the link token to pass on (shown once). */
    record InvitationResponse(UUID userId, String email, String invitationToken) {}

    @PostMapping("/users")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Invite a user into the client's tenant (scope users.write)")
    InvitationResponse invite(@Valid @RequestBody InviteUserRequest request) {
        var invitation = identity.inviteUser(new IdentityManagement.InviteUser(request.email(), request.displayName(), request.roles()));
        return new InvitationResponse(invitation.userId(), invitation.email(), invitation.token());
    }

    @GetMapping("/users/{id}")
    @Operation(summary = "One user of the client's tenant (scope users.read)")
    UserView user(@PathVariable UUID id) {
        return identity.user(id).orElseThrow(() -> new NotFoundException("user"));
    }
}
