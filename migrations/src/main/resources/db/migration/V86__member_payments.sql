-- SOL ledger schema: whether members may pay members in a network (issue 17).
--
--   member_payment_setting  per network: may a member's account pay another member's account
--                           (a PAYMENT whose two accounts are owned by MEMBERs)? No row: yes, the
--                           default (docs/architecture.md, "Members paying members"). The ledger's
--                           writer reads it in the batch's own transaction, so every instance
--                           applies the value committed last, at every door.
CREATE TABLE member_payment_setting (
    network_id  bigint      NOT NULL PRIMARY KEY REFERENCES network (network_id),
    allowed     boolean     NOT NULL,
    changed_by  text        NOT NULL CHECK (length(changed_by) BETWEEN 1 AND 100),
    changed_at  timestamptz NOT NULL
);
