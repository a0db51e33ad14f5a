CREATE TABLE products (
    code VARCHAR(20) NOT NULL,
    region CHAR(2) NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (code),
    CONSTRAINT products_region_name_key UNIQUE (region, name(255))
);

CREATE TABLE customers (
    id INT AUTO_INCREMENT PRIMARY KEY,
    email VARCHAR(255) UNIQUE NOT NULL
);

CREATE TABLE orders (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    customer_id INT NOT NULL,
    total DECIMAL(10,2) NOT NULL DEFAULT 0,
    placed_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE,
    CONSTRAINT orders_total_positive CHECK (total >= 0)
);

CREATE TABLE order_lines (
    order_id BIGINT NOT NULL,
    line_no SMALLINT NOT NULL,
    product_code VARCHAR(20),
    quantity INT NOT NULL DEFAULT 1,
    CONSTRAINT order_lines_pkey PRIMARY KEY (order_id, line_no),
    FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE ON UPDATE RESTRICT,
    FOREIGN KEY (product_code) REFERENCES products (code) ON DELETE SET NULL
);
