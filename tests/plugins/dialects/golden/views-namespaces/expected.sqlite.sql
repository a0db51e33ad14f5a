CREATE TABLE regions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT UNIQUE NOT NULL
);

-- SQLite has no schemas: sales.invoices is created as invoices.
CREATE TABLE invoices (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    region_id INTEGER NOT NULL,
    amount NUMERIC(10,2) NOT NULL,
    FOREIGN KEY (region_id) REFERENCES regions (id)
);

CREATE INDEX invoices_region_idx ON invoices (region_id);

-- Regions with a name
CREATE VIEW named_regions AS
SELECT id, upper(name) AS name FROM regions WHERE name <> '';
