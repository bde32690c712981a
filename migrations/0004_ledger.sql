-- The ledger: the only source of truth. Append-only (triggers below), gapless (seq is
-- reserved from ledger_seq_counter under an advisory lock), hash-chained (chain_sha256).
CREATE TABLE ledger_dictionary (
    dict_id integer PRIMARY KEY,
    vendor_id integer REFERENCES vendor (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    sample_count integer NOT NULL,
    dictionary_sha256 bytea NOT NULL,
    dictionary bytea NOT NULL
);
CREATE INDEX ledger_dictionary_vendor ON ledger_dictionary (vendor_id, dict_id);

-- One row: the last seq handed out. Appenders update it while holding the append lock.
CREATE TABLE ledger_seq_counter (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    last_seq bigint NOT NULL
);
INSERT INTO ledger_seq_counter (singleton, last_seq) VALUES (true, 0);

CREATE TABLE ledger_event (
    seq bigint PRIMARY KEY,
    event_type text NOT NULL,
    vendor_id integer REFERENCES vendor (id),
    run_id uuid NOT NULL,
    observed_on date,
    subject text,
    recorded_at timestamptz NOT NULL,
    dict_id integer REFERENCES ledger_dictionary (dict_id),
    raw_len integer NOT NULL CHECK (raw_len >= 0),
    payload bytea NOT NULL,
    payload_sha256 bytea NOT NULL CHECK (octet_length(payload_sha256) = 32),
    chain_sha256 bytea NOT NULL CHECK (octet_length(chain_sha256) = 32)
);
CREATE INDEX ledger_event_type_vendor_date ON ledger_event (event_type, vendor_id, observed_on);
CREATE INDEX ledger_event_subject ON ledger_event (subject);
CREATE INDEX ledger_event_run ON ledger_event (run_id);

CREATE FUNCTION ledger_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the ledger is append-only: % on % is not allowed', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'ledger events are immutable; append a correcting event instead';
END;
$$;

CREATE TRIGGER ledger_event_no_update_delete BEFORE UPDATE OR DELETE ON ledger_event
    FOR EACH ROW EXECUTE FUNCTION ledger_reject_change();
CREATE TRIGGER ledger_event_no_truncate BEFORE TRUNCATE ON ledger_event
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_reject_change();
CREATE TRIGGER ledger_dictionary_no_update_delete BEFORE UPDATE OR DELETE ON ledger_dictionary
    FOR EACH ROW EXECUTE FUNCTION ledger_reject_change();
CREATE TRIGGER ledger_dictionary_no_truncate BEFORE TRUNCATE ON ledger_dictionary
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_reject_change();

-- The counter may only move forward.
CREATE FUNCTION ledger_counter_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'UPDATE' OR NEW.last_seq < OLD.last_seq THEN
        RAISE EXCEPTION 'ledger_seq_counter only moves forward' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER ledger_seq_counter_forward BEFORE UPDATE OR DELETE ON ledger_seq_counter
    FOR EACH ROW EXECUTE FUNCTION ledger_counter_forward_only();
CREATE TRIGGER ledger_seq_counter_no_truncate BEFORE TRUNCATE ON ledger_seq_counter
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_reject_change();
