-- Dashboard sign-ins: a person pastes an API token once; the server keeps a session (only a
-- SHA-256 of its cookie is stored) with the token's name and role and a CSRF token for forms.
CREATE TABLE dashboard_session (
    session_sha256 bytea PRIMARY KEY CHECK (octet_length(session_sha256) = 32),
    token_name varchar(100) NOT NULL REFERENCES api_token (name) ON DELETE CASCADE,
    csrf_token varchar(64) NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL
);
CREATE INDEX dashboard_session_expires ON dashboard_session (expires_at);
