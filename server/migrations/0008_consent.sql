-- Consent: what each contact agreed to (or withdrew), for which purpose, on which lawful
-- basis, where and how it was asked — kept as history, with the current state beside it
-- for segments and sends to read.

-- Subscription topics of the preference centre (newsletter, product updates, events …).
create table subscription_topics (
  workspace_id  uuid not null references workspaces (id) on delete cascade,
  id            uuid not null default gen_random_uuid(),
  key           text not null check (key ~ '^[a-z][a-z0-9_]{0,49}$'),
  name          text not null check (length(name) between 1 and 200),
  description   text,
  created_at    timestamptz not null,
  archived_at   timestamptz,
  primary key (workspace_id, id)
);
create unique index subscription_topics_key on subscription_topics (workspace_id, key);

-- Every consent given or withdrawn, never changed afterwards (the evidence).
create table consent_records (
  workspace_id   uuid not null,
  id             bigint generated always as identity,
  contact_id     uuid not null,
  -- 'marketing_email' (all marketing email) or 'topic:<key>'.
  purpose        text not null,
  -- pending: given on a form, awaiting the person's confirmation by email (double opt-in).
  status         text not null check (status in ('granted', 'withdrawn', 'pending')),
  lawful_basis   text not null check (lawful_basis in ('consent', 'legitimate_interest', 'contract', 'legal_obligation')),
  source         text not null,
  wording        text,
  ip             text,
  actor_type     text not null,
  actor_id       text,
  actor_label    text not null,
  recorded_at    timestamptz not null,
  primary key (workspace_id, id),
  foreign key (workspace_id, contact_id) references contacts (workspace_id, id) on delete cascade
);
create index consent_records_contact on consent_records (workspace_id, contact_id, recorded_at desc);

-- The latest record per contact and purpose.
create table consent_state (
  workspace_id   uuid not null,
  contact_id     uuid not null,
  purpose        text not null,
  -- pending: given on a form, awaiting the person's confirmation by email (double opt-in).
  status         text not null check (status in ('granted', 'withdrawn', 'pending')),
  lawful_basis   text not null,
  record_id      bigint not null,
  updated_at     timestamptz not null,
  primary key (workspace_id, contact_id, purpose),
  foreign key (workspace_id, contact_id) references contacts (workspace_id, id) on delete cascade
);
create index consent_state_purpose on consent_state (workspace_id, purpose, status);

-- Addresses no marketing email goes to, whatever the consent: hard bounces, complaints,
-- global unsubscribes, and those added by hand.
create table suppressions (
  workspace_id  uuid not null references workspaces (id) on delete cascade,
  email         text not null check (email = lower(email)),
  reason        text not null check (reason in ('hard_bounce', 'complaint', 'unsubscribe', 'manual')),
  note          text,
  created_at    timestamptz not null,
  primary key (workspace_id, email)
);

-- What marketing email requires in this workspace: opt-in consent only (strict, GDPR for
-- consumers), or consent or legitimate interest (common for B2B).
create table messaging_settings (
  workspace_id          uuid primary key references workspaces (id) on delete cascade,
  marketing_basis       text not null default 'consent' check (marketing_basis in ('consent', 'consent_or_legitimate_interest')),
  double_opt_in         boolean not null default true,
  updated_at            timestamptz not null
);
