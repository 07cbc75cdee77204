-- Throttling of sign-in, second-factor and token-endpoint failures (ADR 0007). One row per key: the key is a
-- rule name and the SHA-256 of its subject (a client address, an address and e-mail pair, a client id), so no
-- e-mail address or IP is kept in clear. No tenant: a key is known before anybody is signed in.
create table plat_throttle (
    key             varchar(100) primary key,
    failures        integer      not null check (failures >= 0),
    last_failure_at timestamptz  not null,
    blocked_until   timestamptz
);
create index plat_throttle_last_failure_ix on plat_throttle (last_failure_at);

-- Every /api and /fhir request now checks its own token's state (revoked, or invalidated by a replayed
-- authorization code): that look-up goes by the token value, which Spring's schema does not index. A hash
-- index because a JWT is longer than a b-tree entry may comfortably be.
create index oauth2_authorization_access_token_ix on oauth2_authorization using hash (access_token_value);
