-- Day-over-day change of each metric per vendor; details name the devices.
CREATE TABLE change_log (
    change_date date NOT NULL,
    vendor_id integer NOT NULL REFERENCES public.vendor (id),
    metric text NOT NULL,
    prev_value integer,
    new_value integer,
    delta integer,
    details jsonb,
    PRIMARY KEY (change_date, vendor_id, metric)
);
CREATE INDEX idx_change_log_date ON change_log (change_date);
CREATE INDEX idx_change_log_vendor_id ON change_log (vendor_id);
CREATE INDEX idx_change_log_metric ON change_log (metric);
