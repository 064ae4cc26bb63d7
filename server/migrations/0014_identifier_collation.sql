-- Identifiers are compared byte for byte. Under a database whose default collation is not
-- "C" (C.UTF-8 and en_US.UTF-8 are not), every comparison of text goes through strcoll, and
-- the ingest path compares these columns in its btrees several times per event: a message
-- id in the receipts, a visitor key in visitors, visits and events, a user id or external id
-- in the identity tables, an event's name or page in events_what. None of them has a
-- linguistic order to keep; equality is unchanged, and a query's parameters take the
-- column's collation.
alter table event_receipts alter column message_id type text collate "C";
alter table visitors alter column key type text collate "C", alter column user_id type text collate "C";
alter table web_sessions alter column visitor_key type text collate "C";
-- name and page_path together: events_what indexes coalesce(page_path, name).
alter table events alter column visitor_key type text collate "C", alter column name type text collate "C", alter column page_path type text collate "C";
alter table contact_identities alter column value type text collate "C";
alter table company_identities alter column value type text collate "C";

-- ANALYZE sorts a sample of every column; for the payload that means comparing jsonb
-- documents, most of an analyze's time on a busy events table, for statistics no query
-- uses (conditions read paths inside the payload, which these do not describe).
alter table events alter column payload set statistics 0;
