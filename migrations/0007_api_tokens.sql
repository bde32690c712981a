-- API tokens of `inventory-hub serve`: only a SHA-256 of each token is stored; the token
-- itself is printed once by `inventory-hub tokens create`. A revoked token stays listed.
CREATE TABLE api_token (
    name varchar(100) PRIMARY KEY,
    role varchar(20) NOT NULL CHECK (role IN ('viewer', 'technician', 'admin')),
    token_sha256 bytea NOT NULL UNIQUE CHECK (octet_length(token_sha256) = 32),
    created_at timestamptz NOT NULL DEFAULT now(),
    revoked_at timestamptz,
    last_used_at timestamptz
);
