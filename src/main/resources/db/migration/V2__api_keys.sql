-- API keys for scripts. Only a SHA-256 hash of the secret is kept: secrets are 256 random bits, so a
-- fast hash is enough, and the secret is shown once, when the key is made.
create table api_keys (
    id           bigint primary key default nextval('catalog_seq'),
    key_id       varchar(32)  not null unique,
    name         varchar(200) not null,
    secret_hash  varchar(64)  not null,
    scopes       text[]       not null check (scopes <@ array['read:drafts', 'write:catalog', 'admin:keys']),
    created_at   timestamptz  not null,
    last_used_at timestamptz,
    revoked_at   timestamptz
);

-- Idempotency-Key records: the first answer to a POST, replayed to retries of the same request by
-- the same caller. Kept in the database so every instance of the app honours them.
create table idempotency_keys (
    principal     varchar(64)   not null,
    key           varchar(255)  not null,
    request_hash  varchar(64)   not null,
    state         varchar(16)   not null check (state in ('in_flight', 'done')),
    status        integer,
    content_type  varchar(100),
    location      varchar(2048),
    etag          varchar(200),
    body          bytea,
    created_at    timestamptz   not null,
    expires_at    timestamptz   not null,
    primary key (principal, key)
);
create index idempotency_keys_expiry_idx on idempotency_keys (expires_at);
