CREATE TABLE orders (
    id INT AUTO_INCREMENT PRIMARY KEY COMMENT 'Surrogate key',
    status ENUM('new', 'paid', 'shipped', 'it''s cancelled') NOT NULL DEFAULT 'new' COMMENT 'Current state;
changes as the order moves',
    note TEXT
) COMMENT = 'Customer orders';

CREATE INDEX orders_status_idx ON orders (status) COMMENT 'Open orders by state';
