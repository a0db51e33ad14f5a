CREATE TABLE accounts (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    email VARCHAR(320) NOT NULL,
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    deleted_at DATETIME,
    score DOUBLE,
    preferences JSON NOT NULL DEFAULT ('{}'),
    token CHAR(36)
);

-- MySQL has no partial indexes: accounts_email_lower_key (WHERE deleted_at IS NULL) is left out.
CREATE INDEX accounts_recent_idx ON accounts (created_at DESC, id);

-- MySQL indexes have no NULLS FIRST/LAST; accounts_score_idx keeps MySQL's NULL order.
CREATE INDEX accounts_score_idx ON accounts (score DESC);

-- MySQL has no gin indexes: accounts_preferences_idx is left out.
CREATE INDEX accounts_token_idx USING HASH ON accounts (token);
