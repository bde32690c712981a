-- Reference tables of the original system, with the ids its reports rely on.
CREATE TABLE vendor (
    id integer PRIMARY KEY,
    name varchar(255) NOT NULL UNIQUE
);
INSERT INTO vendor (id, name) VALUES (3, 'Ninja'), (4, 'ThreatLocker');

CREATE TABLE device_type (
    id integer PRIMARY KEY,
    code varchar(100) NOT NULL UNIQUE
);
INSERT INTO device_type (id, code) VALUES (1, 'server'), (2, 'workstation'), (3, 'unknown'), (4, 'Desktop'), (5, 'Laptop');

CREATE TABLE billing_status (
    id integer PRIMARY KEY,
    code varchar(100) NOT NULL UNIQUE
);
INSERT INTO billing_status (id, code) VALUES (1, 'billable'), (2, 'spare'), (3, 'unknown');

-- Operator-maintained mapping of vendor sites to one client name (not derived from the ledger).
CREATE TABLE site_alias (
    id serial PRIMARY KEY,
    canonical_name varchar(255) NOT NULL,
    vendor_id integer NOT NULL REFERENCES vendor (id),
    vendor_site_key varchar(255) NOT NULL,
    UNIQUE (vendor_id, vendor_site_key)
);
