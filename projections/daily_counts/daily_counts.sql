-- Counts of device_snapshot per day, and per month from its last snapshot date.
-- site_id, device_type_id and billing_status_id are part of the primary key and therefore
-- NOT NULL: a device without a vendor organization counts under that vendor's empty-key site,
-- and an unclassified one under the 'unknown' codes.
CREATE TABLE daily_counts (
    snapshot_date date NOT NULL,
    vendor_id integer NOT NULL REFERENCES public.vendor (id),
    site_id integer NOT NULL,
    device_type_id integer NOT NULL REFERENCES public.device_type (id),
    billing_status_id integer NOT NULL REFERENCES public.billing_status (id),
    cnt integer NOT NULL,
    PRIMARY KEY (snapshot_date, vendor_id, site_id, device_type_id, billing_status_id)
);
CREATE INDEX idx_daily_counts_date ON daily_counts (snapshot_date);
CREATE INDEX idx_daily_counts_vendor_id ON daily_counts (vendor_id);
CREATE INDEX idx_daily_counts_site_id ON daily_counts (site_id);
CREATE INDEX idx_daily_counts_device_type_id ON daily_counts (device_type_id);
CREATE INDEX idx_daily_counts_billing_status_id ON daily_counts (billing_status_id);

CREATE TABLE month_end_counts (
    month_end_date date NOT NULL,
    vendor_id integer NOT NULL REFERENCES public.vendor (id),
    site_id integer NOT NULL,
    device_type_id integer NOT NULL REFERENCES public.device_type (id),
    billing_status_id integer NOT NULL REFERENCES public.billing_status (id),
    cnt integer NOT NULL,
    PRIMARY KEY (month_end_date, vendor_id, site_id, device_type_id, billing_status_id)
);
CREATE INDEX idx_month_end_counts_date ON month_end_counts (month_end_date);
CREATE INDEX idx_month_end_counts_vendor_id ON month_end_counts (vendor_id);
CREATE INDEX idx_month_end_counts_site_id ON month_end_counts (site_id);
CREATE INDEX idx_month_end_counts_device_type_id ON month_end_counts (device_type_id);
CREATE INDEX idx_month_end_counts_billing_status_id ON month_end_counts (billing_status_id);
