CREATE TABLE "order" (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user TEXT NOT NULL,
    "group" TEXT,
    "CreatedBy" TEXT,
    "due date" DATE,
    "say ""hi""" TEXT,
    "back`tick" TEXT
);

CREATE INDEX order_group_idx ON "order" ("group", user);

CREATE TABLE "Select" (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "order" INTEGER NOT NULL,
    FOREIGN KEY ("order") REFERENCES "order" (id)
);
