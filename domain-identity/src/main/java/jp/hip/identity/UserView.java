package jp.hip.identity;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** What pages see of a user. Never carries the password hash. */
public record UserView(
        UUID id, UUID tenantId, String email, String displayName, UserStatus status, Set<Role> roles, Instant createdAt) {}
