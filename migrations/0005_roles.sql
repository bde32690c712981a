-- Least-privilege roles (cluster-wide, so created only when missing; grants are per database).
DO $$
DECLARE
    role_name text;
BEGIN
    FOREACH role_name IN ARRAY ARRAY['inventory_collector', 'inventory_projector', 'inventory_auditor'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = role_name) THEN
            BEGIN
                EXECUTE format('CREATE ROLE %I NOLOGIN', role_name);
            EXCEPTION WHEN duplicate_object OR unique_violation THEN
                NULL;  -- created meanwhile by a migration of another database on this server
            END;
        END IF;
    END LOOP;
END;
$$;

GRANT USAGE ON SCHEMA public TO inventory_collector, inventory_projector, inventory_auditor;

-- Collectors append to the ledger and track their jobs; they read nothing else.
GRANT SELECT, INSERT ON ledger_event, ledger_dictionary TO inventory_collector;
GRANT SELECT, UPDATE ON ledger_seq_counter TO inventory_collector;
GRANT SELECT ON vendor TO inventory_collector;
GRANT SELECT, INSERT, UPDATE ON job_batches, job_runs TO inventory_collector;

-- Projectors read the ledger and own the read models (created later, hence default privileges).
GRANT SELECT ON ledger_event, ledger_dictionary, ledger_seq_counter TO inventory_projector;
GRANT SELECT ON vendor, device_type, billing_status, site_alias TO inventory_projector;
GRANT SELECT, INSERT, UPDATE, DELETE ON projection_checkpoint, read_model_schema TO inventory_projector;
GRANT SELECT, INSERT, UPDATE ON job_batches, job_runs TO inventory_projector;
GRANT CREATE ON SCHEMA public TO inventory_projector;

-- Auditors read everything and change nothing.
GRANT SELECT ON ALL TABLES IN SCHEMA public TO inventory_auditor;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO inventory_auditor;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON TABLES TO inventory_projector;
