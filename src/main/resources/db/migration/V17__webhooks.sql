-- Webhooks (docs/webhooks.md): subscriptions, the outbox of events, and the log of attempts.

-- A subscriber: where events go, which ones, and the secret they are signed with. While a secret
-- is being rotated, the previous one signs too, until previous_secret_until.
create table webhook_subscription (
    id uuid primary key,
    url text not null,
    events text[] not null,
    description text,
    active boolean not null,
    secret text not null,
    previous_secret text,
    previous_secret_until timestamptz,
    disabled_reason text,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    version integer not null
);

-- One event, written in the transaction of the change that causes it (only when some
-- subscription wants it). body is the exact JSON sent: every attempt signs the same bytes.
create table webhook_event (
    id uuid primary key,
    type text not null,
    occurred_at timestamptz not null,
    body text not null
);

-- The outbox proper: one event for one subscription, delivered in the order of seq. The
-- subscription's oldest undelivered message is its head; nothing behind the head is sent before
-- it. failing_since is set by the first failed attempt and cleared when a subscription is enabled
-- again.
create table webhook_message (
    seq bigint generated always as identity primary key,
    subscription_id uuid not null references webhook_subscription (id) on delete cascade,
    event_id uuid not null references webhook_event (id) on delete cascade,
    created_at timestamptz not null,
    next_attempt_at timestamptz not null,
    attempts integer not null default 0,
    failing_since timestamptz,
    delivered_at timestamptz
);
create index webhook_message_pending on webhook_message (subscription_id, seq) where delivered_at is null;
create index webhook_message_delivered on webhook_message (delivered_at) where delivered_at is not null;
create index webhook_message_event on webhook_message (event_id);

-- Every attempt to deliver a message ("deliveries" in the API), newest first by seq.
create table webhook_delivery (
    seq bigint generated always as identity primary key,
    id uuid not null unique,
    message_seq bigint not null references webhook_message (seq) on delete cascade,
    subscription_id uuid not null references webhook_subscription (id) on delete cascade,
    event_id uuid not null,
    event_type text not null,
    attempt integer not null,
    attempted_at timestamptz not null,
    status_code integer,
    duration_ms integer not null,
    error text,
    next_attempt_at timestamptz
);
create index webhook_delivery_subscription on webhook_delivery (subscription_id, seq);
create index webhook_delivery_message on webhook_delivery (message_seq);
