-- A funder's page lists the lots it granted, newest first (Vouchers.grantedBy): found by funder
-- account rather than by scanning every lot of the network.
CREATE INDEX voucher_lot_funder_idx ON voucher_lot (network_id, funder_account_id, created_at);
