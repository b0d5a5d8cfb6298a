-- API keys may expire, and may be rotated: a new secret for the same key while the previous one keeps
-- working until previous_secret_expires_at, so that a script can be handed its new secret before the
-- old one stops. Authentication still reads one row by key_id (unique): both hashes sit in it.
alter table api_keys
    add column expires_at                 timestamptz,
    add column rotated_at                 timestamptz,
    add column previous_secret_hash       varchar(64),
    add column previous_secret_expires_at timestamptz,
    add constraint api_keys_previous_secret_check
        check ((previous_secret_hash is null) = (previous_secret_expires_at is null));
