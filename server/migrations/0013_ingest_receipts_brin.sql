-- Receipts are only ever deleted by age (a week after arrival), and they arrive in
-- received_at order: a BRIN index finds the old ones as well as the btree did, without a
-- btree insert for every event received.
drop index event_receipts_received;
create index event_receipts_received on event_receipts using brin (received_at);
