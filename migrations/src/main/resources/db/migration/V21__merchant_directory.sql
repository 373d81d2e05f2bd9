-- SOL schema, version 21: the directory of merchants, "où payer en SOL" (README, "Directory").
--
--   merchant_profile      a merchant's public profile in a network (merchant_ref = the owner_ref of
--                         its accounts, as in merchant_categories): trading name, description,
--                         address, opening hours, contacts and the strands it accepts. Written by
--                         the merchant or a coordinator of the network; the last write wins, and
--                         who wrote it is kept. The category shown beside it is not here: it is the
--                         merchant's category in the network's settings (merchant_categories, V3),
--                         the one earmarked vouchers follow, which coordinators set.
--   directory_publication whether the network's directory is public, readable without logging
--                         in; no row means members of the network only (like report_publication).
CREATE TABLE merchant_profile (
    network_id    bigint      NOT NULL REFERENCES network (network_id),
    merchant_ref  text        NOT NULL CHECK (length(merchant_ref) BETWEEN 1 AND 100),
    trading_name  text        NOT NULL CHECK (length(trading_name) BETWEEN 1 AND 200),
    description   text        NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
    address       text        NOT NULL DEFAULT '' CHECK (length(address) <= 300),
    town          text        NOT NULL DEFAULT '' CHECK (length(town) <= 100),
    opening_hours text        NOT NULL DEFAULT '' CHECK (length(opening_hours) <= 500),
    phone         text        NOT NULL DEFAULT '' CHECK (length(phone) <= 40),
    website       text        NOT NULL DEFAULT '' CHECK (website = '' OR website ~ '^https?://'),
    -- the strands the merchant accepts, among COOPERATION, ENGAGEMENT, AFFECTE
    strands       text[]      NOT NULL DEFAULT '{}' CHECK (cardinality(strands) <= 3
                                  AND strands <@ ARRAY['COOPERATION', 'ENGAGEMENT', 'AFFECTE']),
    changed_at    timestamptz NOT NULL,
    changed_by    text        NOT NULL CHECK (length(changed_by) BETWEEN 1 AND 200),
    PRIMARY KEY (network_id, merchant_ref),
    CHECK (length(website) <= 300)
);

CREATE TABLE directory_publication (
    network_id bigint      NOT NULL PRIMARY KEY REFERENCES network (network_id),
    published  boolean     NOT NULL DEFAULT false,
    changed_at timestamptz NOT NULL,
    changed_by text        NOT NULL CHECK (length(changed_by) BETWEEN 1 AND 200)
);
