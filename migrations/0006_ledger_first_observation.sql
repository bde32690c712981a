-- A device's first observation: device_identity.id is the seq of the first device_observed
-- event of its (vendor, subject), so catch-up, rebuild and replay give it the same id. The
-- first index answers that lookup with one descent and serves the per-vendor subject lookups
-- of the projectors; the second finds the resolutions of an exception episode by subject.
CREATE INDEX ledger_event_vendor_subject_seq ON ledger_event (vendor_id, subject, seq) WHERE event_type = 'device_observed';
CREATE INDEX ledger_event_subject_other ON ledger_event (subject) WHERE event_type <> 'device_observed';
DROP INDEX ledger_event_subject;
