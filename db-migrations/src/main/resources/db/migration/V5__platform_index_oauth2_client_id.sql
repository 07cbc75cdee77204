-- Every API request checks that its client is still registered (revoked clients are deleted from the
-- authorization server's table): that look-up goes by client_id, which Spring's schema does not index.
create unique index oauth2_registered_client_client_id_uk on oauth2_registered_client (client_id);
