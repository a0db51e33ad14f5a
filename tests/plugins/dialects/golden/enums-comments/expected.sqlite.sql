CREATE TABLE orders (
    -- Customer orders
    -- Surrogate key
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    -- Current state;
    -- changes as the order moves
    status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'paid', 'shipped', 'it''s cancelled')),
    note TEXT
);

-- Open orders by state
CREATE INDEX orders_status_idx ON orders (status);
