-- TOTP secrets are stored sealed with AES-256-GCM (ADR 0091): "v1:" and the Base64 of a 12-byte nonce, the
-- ciphertext and a 16-byte tag, longer than the Base32 secret itself. Secrets still in clear are sealed by the
-- application at start-up and at the user's next sign-in.
alter table plat_user alter column totp_secret type varchar(200);
