-- Everything sales
CREATE SCHEMA sales;

CREATE TABLE regions (
    id INT AUTO_INCREMENT PRIMARY KEY,
    name TEXT NOT NULL,
    UNIQUE (name(255))
);

CREATE TABLE sales.invoices (
    id INT AUTO_INCREMENT PRIMARY KEY,
    region_id INT NOT NULL,
    amount DECIMAL(10,2) NOT NULL,
    FOREIGN KEY (region_id) REFERENCES regions (id)
);

CREATE INDEX invoices_region_idx ON sales.invoices (region_id);

-- Regions with a name
CREATE VIEW named_regions AS
SELECT id, upper(name) AS name FROM regions WHERE name <> '';
