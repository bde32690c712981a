-- Read models of the device_snapshot projection: client sites, device identities with their
-- first/last-seen dates, and one row per device of each vendor's latest run per day.
-- Created unqualified: the projector sets search_path to the live, shadow or replay schema.
CREATE TABLE site (
    id integer PRIMARY KEY,
    vendor_id integer NOT NULL REFERENCES public.vendor (id),
    vendor_site_key varchar(255) NOT NULL,
    name varchar(255) NOT NULL,
    UNIQUE (vendor_id, vendor_site_key)
);
CREATE INDEX idx_site_vendor_id ON site (vendor_id);
CREATE INDEX idx_site_vendor_site_key ON site (vendor_site_key);

CREATE TABLE device_identity (
    id integer PRIMARY KEY,
    vendor_id integer NOT NULL REFERENCES public.vendor (id),
    vendor_device_key varchar(255) NOT NULL,
    first_seen_date date NOT NULL,
    last_seen_date date NOT NULL,
    UNIQUE (vendor_id, vendor_device_key)
);
CREATE INDEX idx_device_identity_vendor_id ON device_identity (vendor_id);
CREATE INDEX idx_device_identity_vendor_device_key ON device_identity (vendor_device_key);
CREATE INDEX idx_device_identity_first_seen ON device_identity (first_seen_date);
CREATE INDEX idx_device_identity_last_seen ON device_identity (last_seen_date);

CREATE TABLE device_snapshot (
    id integer PRIMARY KEY,
    snapshot_date date NOT NULL,
    vendor_id integer NOT NULL REFERENCES public.vendor (id),
    device_identity_id integer NOT NULL REFERENCES device_identity (id),
    site_id integer REFERENCES site (id),
    device_type_id integer REFERENCES public.device_type (id),
    billing_status_id integer REFERENCES public.billing_status (id),
    hostname varchar(255),
    os_name varchar(255),
    created_at timestamptz NOT NULL DEFAULT now(),
    -- core device information
    organization_name varchar(255),
    display_name varchar(255),
    device_status varchar(100),
    -- NinjaOne
    location_name varchar(255),
    device_type_name varchar(100),
    billable_status_name varchar(100),
    last_online timestamptz,
    agent_install_timestamp timestamptz,
    -- ThreatLocker
    organization_id varchar(255),
    computer_group varchar(255),
    security_mode varchar(100),
    deny_count_1d integer,
    deny_count_3d integer,
    deny_count_7d integer,
    install_date timestamptz,
    is_locked_out boolean,
    is_isolated boolean,
    agent_version varchar(100),
    has_checked_in boolean,
    -- hardware (NinjaOne)
    has_tpm boolean,
    tpm_enabled boolean,
    tpm_version varchar(100),
    secure_boot_available boolean,
    secure_boot_enabled boolean,
    os_architecture varchar(100),
    cpu_model varchar(255),
    system_manufacturer varchar(255),
    system_model varchar(255),
    memory_gib numeric(10, 2),
    volumes text,
    -- Windows 11 24H2 assessment
    windows_11_24h2_capable boolean,
    windows_11_24h2_deficiencies text,
    os_build varchar(100),
    os_release_id varchar(100),
    UNIQUE (snapshot_date, vendor_id, device_identity_id)
);
CREATE INDEX idx_device_snapshot_date ON device_snapshot (snapshot_date);
CREATE INDEX idx_device_snapshot_vendor_id ON device_snapshot (vendor_id);
CREATE INDEX idx_device_snapshot_device_identity_id ON device_snapshot (device_identity_id);
CREATE INDEX idx_device_snapshot_hostname ON device_snapshot (hostname);
CREATE INDEX idx_device_snapshot_organization_name ON device_snapshot (organization_name);
CREATE INDEX idx_device_snapshot_site_id ON device_snapshot (site_id);
CREATE INDEX idx_device_snapshot_vendor_date ON device_snapshot (vendor_id, snapshot_date);
