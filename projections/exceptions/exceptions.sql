-- Cross-vendor exceptions, one row per episode of (type, canonical key).
CREATE TABLE exceptions (
    id bigint PRIMARY KEY,
    date_found date NOT NULL,
    type varchar(64) NOT NULL,
    hostname varchar(255) NOT NULL,
    details jsonb,
    resolved boolean NOT NULL DEFAULT false,
    last_seen_date date NOT NULL,
    resolved_at timestamptz,
    resolved_by varchar(255),
    resolution varchar(20) CHECK (resolution IN ('resolved', 'cleared'))
);
CREATE INDEX ix_exceptions_type_date ON exceptions (type, date_found);
CREATE INDEX ix_exceptions_hostname ON exceptions (hostname);
CREATE INDEX ix_exceptions_resolved ON exceptions (resolved);

-- The findings of every compared day (both vendors collected), kept beyond retention: episodes
-- are folded from them, so a correction of an old day or a rebuild gives the same episodes.
CREATE TABLE exception_finding (
    compared_on date NOT NULL,
    type varchar(64) NOT NULL,
    hostname varchar(255) NOT NULL,
    details jsonb NOT NULL,
    PRIMARY KEY (compared_on, type, hostname)
);
-- Nothing filters, joins or groups on a finding's details, so ANALYZE keeps no statistics of
-- them: sampling the large jsonb documents was most of a rebuild's ANALYZE of this table.
ALTER TABLE exception_finding ALTER COLUMN details SET STATISTICS 0;
