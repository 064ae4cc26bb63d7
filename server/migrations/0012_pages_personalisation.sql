-- Landing pages: hosted at /p/<slug>, built from blocks, with A/B variants that split the
-- traffic; views, visitors and conversions per variant and day for their statistics.
-- Content slots: places on the customer's own website whose content depends on the
-- visitor's segments, with impressions per variant and day.

create table landing_pages (
  workspace_id  uuid not null references workspaces (id) on delete cascade,
  id            uuid not null default gen_random_uuid(),
  name          text not null check (length(name) between 1 and 200),
  -- The public address is /p/<slug>, so a slug is unique in the whole installation.
  slug          text not null check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(slug) <= 100),
  status        text not null default 'draft' check (status in ('draft', 'published', 'archived')),
  title         text not null check (length(title) between 1 and 200),
  description   text not null default '',
  -- [{ "key", "name", "weight", "blocks": [...] }]: the A/B variants; weights add up to 100.
  variants      jsonb not null,
  published_at  timestamptz,
  created_at    timestamptz not null,
  updated_at    timestamptz not null,
  primary key (workspace_id, id)
);
create unique index landing_pages_slug on landing_pages (slug);

create table landing_page_stats (
  workspace_id  uuid not null,
  page_id       uuid not null,
  variant       text not null,
  day           date not null,
  views         integer not null default 0,
  -- Visitors assigned to the variant that day (its first view): the significance's denominator.
  visitors      integer not null default 0,
  -- Form submissions through the page, or clicks on a call to action where it has no form.
  conversions   integer not null default 0,
  primary key (workspace_id, page_id, variant, day),
  foreign key (workspace_id, page_id) references landing_pages (workspace_id, id) on delete cascade
);

create table content_slots (
  workspace_id     uuid not null references workspaces (id) on delete cascade,
  id               uuid not null default gen_random_uuid(),
  key              text not null check (key ~ '^[a-z0-9][a-z0-9_-]*$' and length(key) <= 60),
  name             text not null check (length(name) between 1 and 200),
  status           text not null default 'active' check (status in ('active', 'archived')),
  default_content  text not null default '',
  -- [{ "segmentId", "content" }] in order: the first segment the visitor is in wins.
  rules            jsonb not null default '[]',
  created_at       timestamptz not null,
  updated_at       timestamptz not null,
  primary key (workspace_id, id)
);
create unique index content_slots_key on content_slots (workspace_id, key);

create table content_slot_stats (
  workspace_id  uuid not null,
  slot_id       uuid not null,
  -- The segment whose content was shown, or 'default'.
  variant       text not null,
  day           date not null,
  impressions   integer not null default 0,
  primary key (workspace_id, slot_id, variant, day),
  foreign key (workspace_id, slot_id) references content_slots (workspace_id, id) on delete cascade
);
