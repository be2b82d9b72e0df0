-- Idempotency keys (docs/idempotency.md): the first answer to a POST that carried an
-- Idempotency-Key, kept for ticker.idempotency.retention (24 h) so that a retry gets it again.
--
-- A row is inserted when a request claims its key and completed in the same transaction as the
-- request's write, so another transaction sees either nothing (the request is still running, or
-- it failed and was rolled back) or the whole answer; never a write without its key, nor a key
-- without its write. A second request with the same key waits on the primary key until the first
-- ends.
create table idempotency_key (
    -- the SHA-256 (hex) of the bearer token that sent the request, as access_token.token_hash:
    -- keys of different tokens never meet
    scope text not null,
    key text not null,
    -- the SHA-256 (hex) of the operation, its path and the request body as the service read it
    fingerprint text not null,
    created_at timestamptz not null,
    -- the answer: status, the headers that matter (JSON: name -> values) and the exact body; for
    -- an answer that carried a one-time secret, only status and headers are kept (body is null)
    status integer,
    headers text,
    body bytea,
    primary key (scope, key)
);

-- pruning: rows older than the retention
create index idempotency_key_created_at on idempotency_key (created_at);
