-- Where each projection stands in the ledger, and which read-model DDL is installed live.
CREATE TABLE projection_checkpoint (
    projection text PRIMARY KEY,
    version integer NOT NULL,
    last_seq bigint NOT NULL DEFAULT 0,
    updated_at timestamptz NOT NULL DEFAULT now(),
    last_run_seconds double precision
);

CREATE TABLE read_model_schema (
    read_model text PRIMARY KEY,
    checksum text NOT NULL,
    installed_at timestamptz NOT NULL DEFAULT now()
);
