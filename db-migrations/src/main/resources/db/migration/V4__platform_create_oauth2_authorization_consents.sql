-- Spring Security authorization server (7.0): the consents a person gave to a SMART app (authorization_code grant,
-- ADR 0033). principal_name is the signed-in user's id; authorities holds the approved scopes (SCOPE_…).
CREATE TABLE oauth2_authorization_consent (
    registered_client_id varchar(100) NOT NULL,
    principal_name varchar(200) NOT NULL,
    authorities varchar(1000) NOT NULL,
    PRIMARY KEY (registered_client_id, principal_name)
);
