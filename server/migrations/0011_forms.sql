-- Forms: their fields (mapped to contact, company and custom fields), consent boxes with the
-- wording stored with each consent record, what follows a submission, and every submission
-- with the page and campaign it came from; views per day, page and source for conversion.

create table forms (
  workspace_id  uuid not null references workspaces (id) on delete cascade,
  id            uuid not null default gen_random_uuid(),
  name          text not null check (length(name) between 1 and 200),
  status        text not null default 'active' check (status in ('active', 'archived')),
  fields        jsonb not null,
  consents      jsonb not null default '[]',
  -- { "maxFields": n }: a known visitor is asked the next unknown fields instead of known ones.
  progressive   jsonb,
  after_submit  jsonb not null,
  submit_label  text not null default 'Submit',
  -- Submissions faster than this after the form was shown are refused as bots.
  min_seconds   integer not null default 2 check (min_seconds between 0 and 600),
  created_at    timestamptz not null,
  updated_at    timestamptz not null,
  primary key (workspace_id, id)
);
-- The public endpoints name a form by its id alone.
create unique index forms_id on forms (id);

create table form_submissions (
  workspace_id  uuid not null,
  id            uuid not null default gen_random_uuid(),
  form_id       uuid not null,
  contact_id    uuid not null,
  answers       jsonb not null,
  page_url      text,
  referrer      text,
  source        text,
  utm           jsonb not null default '{}',
  anonymous_id  text,
  submitted_at  timestamptz not null,
  primary key (workspace_id, id),
  foreign key (workspace_id, form_id) references forms (workspace_id, id) on delete cascade,
  foreign key (workspace_id, contact_id) references contacts (workspace_id, id) on delete cascade
);
create index form_submissions_form on form_submissions (workspace_id, form_id, submitted_at desc);
create index form_submissions_contact on form_submissions (workspace_id, contact_id);

create table form_views (
  workspace_id  uuid not null,
  form_id       uuid not null,
  day           date not null,
  page_path     text not null default '',
  source        text not null default '',
  views         integer not null default 0,
  primary key (workspace_id, form_id, day, page_path, source),
  foreign key (workspace_id, form_id) references forms (workspace_id, id) on delete cascade
);
