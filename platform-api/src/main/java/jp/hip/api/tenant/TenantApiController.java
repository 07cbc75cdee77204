package jp.hip.api.tenant;

import java.util.List;
import java.util.UUID;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jp.hip.identity.IdentityManagement;
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
    TenantView tenant(@org.springframework.security.core.annotation.AuthenticationPrincipal jp.hip.api.ApiClient client) {
        return identity.tenant(client.tenantId()).orElseThrow(() -> new jp.hip.api.NotFoundException("tenant"));
    }

    @GetMapping("/users")
    @Operation(summary = "Users of the client's tenant (scope users.read)")
    List<UserView> users() {
        return identity.usersOfCurrentTenant();
    }

    @GetMapping("/users/{id}")
    @Operation(summary = "One user of the client's tenant (scope users.read)")
    UserView user(@PathVariable UUID id) {
        return identity.user(id).orElseThrow(() -> new jp.hip.api.NotFoundException("user"));
    }
}
