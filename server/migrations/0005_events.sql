-- Event tracking and identity: the identity graph (contacts module), events, visitors and
-- web sessions (events module).
--
-- The high-volume tables (events, event_receipts, visitors, web_sessions) carry no foreign
-- key to workspaces: every inserted row would take a KEY SHARE lock on the workspace row,
-- and thousands of concurrent lockers of one row turn into multixact churn. They are
-- scoped by workspace_id like every other table and purged with the workspace.

-- Contacts: what tracking learnt about them.
alter table contacts
  -- Every trait last sent by identify, mapped or not, so nothing the website knows is lost.
  add column traits jsonb not null default '{}',
  -- {channel, owner, source, medium, campaign, referrer, landingPage, at, sessionId}
  add column first_touch jsonb,
  add column last_touch jsonb;
alter table companies
  add column traits jsonb not null default '{}',
  add column first_touch jsonb,
  add column last_touch jsonb;

-- Ids other systems know a record by: the product's userId, a billing system's customer id,
-- a Segment groupId. An id names exactly one record, so (kind, value) is the key.
create table contact_identities (
  workspace_id  uuid not null references workspaces (id) on delete cascade,
  kind          text not null check (kind ~ '^(user_id|external:[a-z0-9_.-]{1,64})$'),
  value         text not null check (length(value) between 1 and 500),
  contact_id    uuid not null,
  created_at    timestamptz not null,
  primary key (workspace_id, kind, value),
  foreign key (workspace_id, contact_id) references contacts (workspace_id, id) on delete cascade
);
create index contact_identities_contact on contact_identities (workspace_id, contact_id);

create table company_identities (
  workspace_id  uuid not null references workspaces (id) on delete cascade,
  kind          text not null check (kind ~ '^(group_id|external:[a-z0-9_.-]{1,64})$'),
  value         text not null check (length(value) between 1 and 500),
  company_id    uuid not null,
  created_at    timestamptz not null,
  primary key (workspace_id, kind, value),
  foreign key (workspace_id, company_id) references companies (workspace_id, id) on delete cascade
);
create index company_identities_company on company_identities (workspace_id, company_id);

-- Per-workspace tracking settings; a workspace without a row uses the defaults.
create table tracking_settings (
  workspace_id          uuid primary key references workspaces (id) on delete cascade,
  retention_days        integer not null default 395 check (retention_days between 1 and 3650),
  respect_do_not_track  boolean not null default false,
  require_consent       boolean not null default false,
  -- Hosts that count as the brand's own (cross-domain navigation is not a referral).
  own_domains           text[] not null default '{}',
  -- Hosts whose referrals are partner-owned touchpoints.
  partner_domains       text[] not null default '{}',
  -- {"plan": "custom.plan", "role": "persona"}: trait → contact field, beyond the defaults.
  trait_mappings        jsonb not null default '{}',
  updated_at            timestamptz not null
);

-- messageId idempotency: a retried delivery stores nothing twice. Kept apart from events
-- because the skew-corrected timestamp (the partition key) of a retry may differ.
create table event_receipts (
  workspace_id  uuid not null,
  message_id    text not null,
  received_at   timestamptz not null,
  primary key (workspace_id, message_id)
);
create index event_receipts_received on event_receipts (received_at);

create type event_type as enum ('track', 'identify', 'page', 'screen', 'group', 'alias');

-- Append-only and partitioned by month on the (skew-corrected) time the event happened, so
-- retention drops whole partitions and "event X in the last N days" reads only recent ones.
-- Only contact_id changes after the insert: identity resolution attaches an anonymous
-- visitor's earlier events to the contact they turn out to be.
create table events (
  workspace_id  uuid not null,
  id            bigint generated always as identity,
  occurred_at   timestamptz not null,
  received_at   timestamptz not null,
  type          event_type not null,
  -- track: the event name; page/screen: the page name (or null).
  name          text,
  message_id    text not null,
  anonymous_id  text,
  user_id       text,
  -- The anonymousId, or "u:" + userId for events that carry only a userId.
  visitor_key   text not null,
  contact_id    uuid,
  session_id    uuid,
  channel       text not null,
  touch_owner   text not null,
  page_path     text,
  -- The event as sent (properties, traits, context …), without the write key.
  payload       jsonb not null,
  primary key (workspace_id, id, occurred_at)
) partition by range (occurred_at);
create index events_contact on events (workspace_id, contact_id, occurred_at desc) where contact_id is not null;
-- "Event X (or page /pricing) in the last N days": one index for both, keyed by what a
-- segment condition names: the page path of a page view, the name of anything else.
create index events_what on events (workspace_id, type, (coalesce(page_path, name)), occurred_at) include (contact_id);
create index events_visitor on events (workspace_id, visitor_key);

-- The identity graph's anonymous side: a browser (anonymousId) or a server-side userId not
-- yet tied to a contact. Written when first seen and when identity learns who it is; its
-- current visit is its latest row in web_sessions.
create table visitors (
  workspace_id        uuid not null,
  key                 text not null,
  user_id             text,
  contact_id          uuid,
  first_seen_at       timestamptz not null,
  primary key (workspace_id, key)
);
create index visitors_contact on visitors (workspace_id, contact_id) where contact_id is not null;
create index visitors_user on visitors (workspace_id, user_id) where user_id is not null;

-- A visit: events of one visitor with no gap of 30 minutes, or a new campaign, between them.
create table web_sessions (
  workspace_id   uuid not null,
  id             uuid not null,
  visitor_key    text not null,
  contact_id     uuid,
  started_at     timestamptz not null,
  last_event_at  timestamptz not null,
  event_count    integer not null,
  page_count     integer not null,
  channel        text not null,
  touch_owner    text not null,
  source         text,
  medium         text,
  campaign       text,
  referrer       text,
  landing_page   text,
  primary key (workspace_id, id)
-- Room on each page so that extending a visit (counts, last event) is a HOT update that
-- touches no index.
) with (fillfactor = 80);
create index web_sessions_visitor on web_sessions (workspace_id, visitor_key, started_at);
create index web_sessions_contact on web_sessions (workspace_id, contact_id, started_at) where contact_id is not null;

-- Fan-out: a consumer's handling of one stored batch commits with this row, so a redelivered
-- job finds it and skips: each consumer sees each event exactly once.
create table event_deliveries (
  workspace_id  uuid not null,
  consumer      text not null,
  batch_id      bigint not null,
  delivered_at  timestamptz not null,
  primary key (workspace_id, consumer, batch_id)
);
create index event_deliveries_delivered on event_deliveries (delivered_at);
