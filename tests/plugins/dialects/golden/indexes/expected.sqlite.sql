CREATE TABLE accounts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    email VARCHAR(320) NOT NULL,
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    deleted_at TIMESTAMP,
    score REAL,
    preferences TEXT NOT NULL DEFAULT '{}',
    token TEXT
);

CREATE UNIQUE INDEX accounts_email_lower_key ON accounts ((lower(email))) WHERE deleted_at IS NULL;

CREATE INDEX accounts_recent_idx ON accounts (created_at DESC, id);

-- SQLite indexes have no NULLS FIRST/LAST; accounts_score_idx sorts NULLs first (ASC) or last (DESC).
CREATE INDEX accounts_score_idx ON accounts (score DESC);

-- SQLite has only b-tree indexes; accounts_preferences_idx is created without USING gin.
CREATE INDEX accounts_preferences_idx ON accounts (preferences);

-- SQLite has only b-tree indexes; accounts_token_idx is created without USING hash.
CREATE INDEX accounts_token_idx ON accounts (token);
