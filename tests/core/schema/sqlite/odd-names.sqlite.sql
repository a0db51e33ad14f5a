-- SQLite: names that need quoting in DBML, composite keys, expression and partial indexes
CREATE TABLE "order lines" (
    "order id" INTEGER NOT NULL,
    line INTEGER NOT NULL,
    "Unit Price" NUMERIC(10,2) NOT NULL DEFAULT 0,
    note TEXT DEFAULT 'it''s fine',
    PRIMARY KEY ("order id", line)
);
CREATE TABLE [select] (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "order id" INTEGER,
    line INTEGER,
    created DATETIME DEFAULT CURRENT_TIMESTAMP,
    flag BOOLEAN NOT NULL DEFAULT FALSE,
    FOREIGN KEY ("order id", line) REFERENCES "order lines" ("order id", line) ON DELETE CASCADE
);
CREATE INDEX "select by day" ON [select] (date(created), flag);
CREATE UNIQUE INDEX lines_price ON "order lines" ("Unit Price" DESC) WHERE "Unit Price" > 0;
