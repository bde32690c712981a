-- Job tracking, as the original system's dashboards read it.
CREATE TABLE job_batches (
    batch_id varchar(50) PRIMARY KEY,
    created_at timestamptz NOT NULL DEFAULT now(),
    status varchar(20) NOT NULL DEFAULT 'queued'
        CHECK (status IN ('queued', 'running', 'completed', 'failed')),
    priority varchar(20) NOT NULL DEFAULT 'normal' CHECK (priority IN ('normal', 'high', 'low')),
    started_at timestamptz,
    ended_at timestamptz,
    progress_percent integer CHECK (progress_percent BETWEEN 0 AND 100),
    estimated_completion timestamptz,
    message text,
    error text,
    duration_seconds integer
);
CREATE INDEX idx_job_batches_status ON job_batches (status);
CREATE INDEX idx_job_batches_created_at ON job_batches (created_at);

CREATE TABLE job_runs (
    job_id varchar(50) PRIMARY KEY,
    batch_id varchar(50) NOT NULL REFERENCES job_batches (batch_id),
    job_name varchar(50) NOT NULL,
    status varchar(20) NOT NULL DEFAULT 'queued'
        CHECK (status IN ('queued', 'running', 'completed', 'failed')),
    started_at timestamptz,
    updated_at timestamptz,
    ended_at timestamptz,
    progress_percent integer CHECK (progress_percent BETWEEN 0 AND 100),
    message text,
    error text,
    duration_seconds integer
);
CREATE INDEX idx_job_runs_batch_id ON job_runs (batch_id);
CREATE INDEX idx_job_runs_job_name ON job_runs (job_name);
CREATE INDEX idx_job_runs_started_at ON job_runs (started_at);
CREATE INDEX idx_job_runs_status ON job_runs (status);
