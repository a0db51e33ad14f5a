CREATE SCHEMA sales;

COMMENT ON SCHEMA sales IS 'Everything sales';

CREATE TABLE regions (
    id SERIAL PRIMARY KEY,
    name TEXT UNIQUE NOT NULL
);

CREATE TABLE sales.invoices (
    id SERIAL PRIMARY KEY,
    region_id INTEGER NOT NULL,
    amount NUMERIC(10,2) NOT NULL,
    FOREIGN KEY (region_id) REFERENCES regions (id)
);

CREATE INDEX invoices_region_idx ON sales.invoices (region_id);

CREATE VIEW named_regions AS
SELECT id, upper(name) AS name FROM regions WHERE name <> '';

COMMENT ON VIEW named_regions IS 'Regions with a name';
