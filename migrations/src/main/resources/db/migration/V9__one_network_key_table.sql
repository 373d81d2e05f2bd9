-- SOL schema, version 9: one table of network keys, one key id (docs/architecture.md, "Keys";
-- docs/reports-and-audit.md, "Keys").
--
-- A network has one Ed25519 key that signs its payment codes, checkpoints and reports. Until now it
-- was stored twice: in network_signing_key (V6: 8-hex key id, the id payment codes carry, and the
-- encrypted private key) and, registered for checkpoints, in network_key (V5: a 16-hex id of the
-- ledger's own, the first 16 hex digits of SHA-256 of the public key). From here on the keys live
-- in network_signing_key only, and everything names a key by its 8-hex id.
--
-- The 16-hex id was the same SHA-256 as the 8-hex one, eight digits longer: its first 8 digits are
-- the key's id. Checkpoints are append-only and carry their key id inside their signed bytes, so
-- the checkpoints signed before this migration keep their 16-hex id; verifiers resolve it against
-- the network's keys (ledger-core coop.sol.ledger.audit.SignerIds). New checkpoints carry 8 hex.
--
-- network_key is dropped rather than kept read-only for the legacy ids: whatever it held is moved
-- into network_signing_key first (1), and checkpoint keeps its referential integrity on the first
-- 8 digits of its key id (2), which names the key for old and new checkpoints alike. Nothing is
-- left that a second table of keys would add, and two tables were what made the ids diverge.

-- 1. Keys registered for checkpoints that network_signing_key lacks (a ledger used without the web
--    application, which stores private keys there) are kept by their public half only: no private
--    key, retired since they were registered. They still verify what they signed and never sign
--    again. In the web application every registered key is already in network_signing_key, and
--    nothing is copied.
ALTER TABLE network_signing_key ALTER COLUMN encrypted_private_key DROP NOT NULL;

ALTER TABLE network_signing_key
    ADD CONSTRAINT network_signing_key_signs_with_its_private_key
        CHECK (encrypted_private_key IS NOT NULL OR retired_at IS NOT NULL);

INSERT INTO network_signing_key
    (network_id, key_id, algorithm, public_key, encrypted_private_key, created_at, retired_at)
SELECT k.network_id,
       encode(substring(sha256(k.public_key) FROM 1 FOR 4), 'hex'),
       'Ed25519',
       k.public_key,
       NULL,
       k.created_at,
       k.created_at
FROM network_key k
WHERE NOT EXISTS (SELECT 1
                  FROM network_signing_key s
                  WHERE s.network_id = k.network_id AND s.public_key = k.public_key);
-- (Two different keys of one network with the same 8-hex id would fail the primary key here, and
-- the migration with it, rather than lose a key: a verifier could not tell them apart.)

-- An id is derived from its key, never chosen: the database now checks it.
ALTER TABLE network_signing_key
    ADD CONSTRAINT network_signing_key_id_is_the_keys
        CHECK (key_id = encode(substring(sha256(public_key) FROM 1 FOR 4), 'hex'));

-- 2. A checkpoint names its key by 8 hex digits, or by 16 if signed before this migration; either
--    way the first 8 are the id of a key of network_signing_key. signer_key_id holds them, so that
--    a foreign key checks every checkpoint, old or new, against the one table of keys (which also
--    means a key that signed a checkpoint can never be deleted). Adding a stored generated column
--    rewrites the table without firing its row triggers: no checkpoint is updated.
ALTER TABLE checkpoint DROP CONSTRAINT checkpoint_network_id_key_id_fkey;

ALTER TABLE checkpoint
    ADD CONSTRAINT checkpoint_key_id_is_8_or_legacy_16_hex
        CHECK (key_id ~ '^[0-9a-f]{8}([0-9a-f]{8})?$');

ALTER TABLE checkpoint
    ADD COLUMN signer_key_id text GENERATED ALWAYS AS (left(key_id, 8)) STORED;

ALTER TABLE checkpoint
    ADD CONSTRAINT checkpoint_signer_key_fkey
        FOREIGN KEY (network_id, signer_key_id)
            REFERENCES network_signing_key (network_id, key_id);

DROP TABLE network_key;
