-- Payment requests and pay tokens are unique per network (their primary keys, (network_id, id)), no
-- longer across the whole installation: a table distributed by network_id (docs/scale-out.md) can
-- only enforce keys that contain network_id. The ids are 96 random bits drawn by SecureRandom, so
-- two networks never draw the same one in practice; the lookups by id alone keep an index.
ALTER TABLE payment_request DROP CONSTRAINT payment_request_request_id_key;
CREATE INDEX payment_request_by_id ON payment_request (request_id);

ALTER TABLE pay_token DROP CONSTRAINT pay_token_token_id_key;
CREATE INDEX pay_token_by_id ON pay_token (token_id);
