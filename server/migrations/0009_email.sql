-- Email: templates (MJML + Liquid), sending domains with DKIM keys, the send ledger and
-- what happened to each message afterwards (opens, clicks, bounces, complaints).

create table email_templates (
  workspace_id  uuid not null references workspaces (id) on delete cascade,
  id            uuid not null default gen_random_uuid(),
  name          text not null check (length(name) between 1 and 200),
  -- marketing: needs the contact's consent and carries the unsubscribe headers; transactional: exempt.
  kind          text not null check (kind in ('marketing', 'transactional')),
  -- The subscription topic a marketing email belongs to (unsubscribing from it stops it), or null.
  topic_key     text,
  subject       text not null check (length(subject) between 1 and 500),
  preheader     text,
  mjml          text not null,
  version       integer not null default 1,
  created_at    timestamptz not null,
  updated_at    timestamptz not null,
  archived_at   timestamptz,
  primary key (workspace_id, id)
);

-- Reusable pieces, included in templates with {% render 'key' %}.
create table email_snippets (
  workspace_id  uuid not null references workspaces (id) on delete cascade,
  key           text not null check (key ~ '^[a-z][a-z0-9_-]{0,49}$'),
  name          text not null,
  content       text not null,
  updated_at    timestamptz not null,
  primary key (workspace_id, key)
);

create table sending_domains (
  workspace_id     uuid not null references workspaces (id) on delete cascade,
  id               uuid not null default gen_random_uuid(),
  domain           text not null check (domain = lower(domain)),
  selector         text not null,
  dkim_private_key text not null,
  dkim_public_key  text not null,
  from_email       text not null,
  from_name        text,
  is_default       boolean not null default false,
  created_at       timestamptz not null,
  primary key (workspace_id, id)
);
create unique index sending_domains_domain on sending_domains (workspace_id, domain);
create unique index sending_domains_default on sending_domains (workspace_id) where is_default;

-- The send ledger: one row per message, its state and the times it changed.
create table email_messages (
  workspace_id      uuid not null references workspaces (id) on delete cascade,
  id                uuid not null default gen_random_uuid(),
  contact_id        uuid,
  to_email          text not null,
  template_id       uuid,
  template_version  integer,
  broadcast_id      uuid,
  kind              text not null check (kind in ('marketing', 'transactional')),
  subject           text not null,
  -- Raw content of a message sent without a template, and its merge data.
  content           jsonb,
  state             text not null check (state in ('queued', 'sending', 'deferred', 'sent', 'bounced', 'failed', 'skipped')),
  state_reason      text,
  attempts          integer not null default 0,
  next_attempt_at   timestamptz,
  smtp_response     text,
  queued_at         timestamptz not null,
  sent_at           timestamptz,
  bounced_at        timestamptz,
  bounce_class      text check (bounce_class in ('hard', 'soft', 'block')),
  first_opened_at   timestamptz,
  human_opens       integer not null default 0,
  machine_opens     integer not null default 0,
  first_clicked_at  timestamptz,
  human_clicks      integer not null default 0,
  complained_at     timestamptz,
  unsubscribed_at   timestamptz,
  idempotency_key   text,
  primary key (workspace_id, id)
);
create unique index email_messages_idempotency on email_messages (workspace_id, idempotency_key) where idempotency_key is not null;
create index email_messages_contact on email_messages (workspace_id, contact_id, queued_at desc) where contact_id is not null;
create index email_messages_broadcast on email_messages (workspace_id, broadcast_id, state) where broadcast_id is not null;
create index email_messages_due on email_messages (next_attempt_at) where state in ('queued', 'deferred');

-- Opens, clicks, bounces, complaints and unsubscribes of a message, machine ones flagged.
create table email_message_events (
  workspace_id  uuid not null,
  id            bigint generated always as identity,
  message_id    uuid not null,
  kind          text not null check (kind in ('open', 'click', 'bounce', 'deferral', 'complaint', 'unsubscribe')),
  url           text,
  machine       boolean not null default false,
  detail        text,
  user_agent    text,
  ip            text,
  at            timestamptz not null,
  primary key (workspace_id, id),
  foreign key (workspace_id, message_id) references email_messages (workspace_id, id) on delete cascade
);
create index email_message_events_message on email_message_events (workspace_id, message_id, at);

create table broadcasts (
  workspace_id       uuid not null references workspaces (id) on delete cascade,
  id                 uuid not null default gen_random_uuid(),
  name               text not null check (length(name) between 1 and 200),
  template_id        uuid not null,
  audience_kind      text not null check (audience_kind in ('segment', 'list')),
  audience_id        uuid not null,
  -- now | at (send_at) | local_hour (each contact at local_hour in their own time zone, from send_at's day)
  schedule           text not null check (schedule in ('now', 'at', 'local_hour')),
  send_at            timestamptz,
  local_hour         smallint check (local_hour between 0 and 23),
  per_minute         integer check (per_minute > 0),
  status             text not null check (status in ('draft', 'scheduled', 'sending', 'sent', 'cancelled')),
  recipients         integer not null default 0,
  skipped            integer not null default 0,
  created_by         uuid references users (id) on delete set null,
  created_at         timestamptz not null,
  started_at         timestamptz,
  finished_at        timestamptz,
  primary key (workspace_id, id),
  foreign key (workspace_id, template_id) references email_templates (workspace_id, id)
);

-- Secrets of this installation, shared by every process (the key that signs tracking links).
create table installation_secrets (
  name        text primary key,
  value       text not null,
  created_at  timestamptz not null default now()
);
