-- E-mail addresses are unique across the platform (plat_user_email_uk), so an invitation asks whether any tenant
-- has the address (probe L1: one answer whichever tenant has it). Under row-level security (V91) the inviting
-- tenant sees only its own users; this function answers that one yes/no question past the policy (security
-- definer, run as the owner) and reveals nothing the unique index does not (ADR 0090).
create function hip_email_taken(address text) returns boolean
    language sql stable security definer set search_path = public
    as $$ select exists (select 1 from plat_user where lower(email) = lower(address)) $$;
