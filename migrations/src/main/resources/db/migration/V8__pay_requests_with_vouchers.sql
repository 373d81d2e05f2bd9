-- SOL schema, version 8: a payment request may be paid with the payer's earmarked vouchers.
--
-- A payer who pays with vouchers names no account when they claim the request: the ledger draws on
-- their lots valid at the merchant (earliest expiry first) as it pays. So while a request is being
-- paid, payer_account_id may be unknown; once it is paid, it holds the account of the payment's
-- first transfer (the first lot drawn on). Who claimed it (user and key) is still always known.

ALTER TABLE payment_request DROP CONSTRAINT payment_request_check1;

ALTER TABLE payment_request ADD CONSTRAINT payment_request_claim_check
    CHECK ((payer_user_id IS NULL) = (claimed_at IS NULL)
           AND (payer_key IS NULL) = (claimed_at IS NULL)
           AND (payer_account_id IS NULL OR claimed_at IS NOT NULL));
