CREATE TYPE order_status AS ENUM ('new', 'paid', 'shipped', 'it''s cancelled');

COMMENT ON TYPE order_status IS 'Where an order is in its life';

CREATE TABLE orders (
    id SERIAL PRIMARY KEY,
    status order_status NOT NULL DEFAULT 'new',
    note TEXT
);

CREATE INDEX orders_status_idx ON orders (status);

COMMENT ON TABLE orders IS 'Customer orders';

COMMENT ON COLUMN orders.id IS 'Surrogate key';

COMMENT ON COLUMN orders.status IS 'Current state;
changes as the order moves';

COMMENT ON INDEX orders_status_idx IS 'Open orders by state';
