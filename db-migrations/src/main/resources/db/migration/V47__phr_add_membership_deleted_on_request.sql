-- Tombstones everywhere a holder re-creates a person (issue 17 item 4, ADR 0046).
-- A holder's membership of a person who asked for deletion on request: set on the memberships a deletion keeps (the
-- holder keeps its statutory record, ADR 0041) and on the membership a holder registers again for a card that has a
-- tombstone (特定健診 import, FHIR Patient create). While it is set and the person has no account linked, the holder
-- may write only its statutory record (CHECKUP) for the person, and every such write says so in its response.
alter table phr_membership add column deleted_on_request_at timestamptz;

update phr_membership m set deleted_on_request_at = t.deleted_at
  from phr_tombstone t where t.person_id = m.person_id;
