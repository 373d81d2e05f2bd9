-- A balance read's statement (AccountStore.findIn), as pgbench drives it: PostgreSQL's own cost
-- for the one row a balance read fetches, without a JVM beside it. On the demo's data (network 1,
-- accounts 1 to 25: `java -jar web-api/target/sol.jar --demo`, the embedded PostgreSQL's port is
-- in its log):
--   pgbench -n -M prepared -c 16 -j 2 -T 15 -f bench/pgbench/account-read.sql \
--     -h 127.0.0.1 -p PORT -U postgres postgres
\set id random(1, 25)
SELECT network_id, account_id, strand_id, owner_kind, owner_ref, name, status, credit_limit, debits_posted, credits_posted, debits_pending, credits_pending FROM account WHERE network_id IN (1) AND account_id IN (:id);
