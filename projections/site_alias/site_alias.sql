-- Canonical client names of vendor sites, projected from the ledger's site_alias_set and
-- site_alias_removed events: nothing else writes this table. Columns, unique constraint and
-- name are the seed's; id is the seq of the event that set the alias in force.
CREATE TABLE site_alias (
    id integer PRIMARY KEY,
    canonical_name varchar(255) NOT NULL,
    vendor_id integer NOT NULL REFERENCES public.vendor (id),
    vendor_site_key varchar(255) NOT NULL,
    set_by varchar(255),
    note text,
    set_at timestamptz,
    UNIQUE (vendor_id, vendor_site_key)
);
