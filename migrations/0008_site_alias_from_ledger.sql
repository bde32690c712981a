-- site_alias becomes a read model projected from site_alias_set / site_alias_removed ledger
-- events (projections/site_alias). The hand-filled table is kept aside as site_alias_legacy:
-- `inventory-hub migrate` records each of its rows as a site_alias_set event and then drops it.
ALTER TABLE site_alias RENAME TO site_alias_legacy;
ALTER TABLE site_alias_legacy RENAME CONSTRAINT site_alias_pkey TO site_alias_legacy_pkey;
ALTER TABLE site_alias_legacy RENAME CONSTRAINT site_alias_vendor_id_vendor_site_key_key TO site_alias_legacy_vendor_site_key;
ALTER TABLE site_alias_legacy RENAME CONSTRAINT site_alias_vendor_id_fkey TO site_alias_legacy_vendor_id_fkey;
ALTER SEQUENCE site_alias_id_seq RENAME TO site_alias_legacy_id_seq;
