CREATE TABLE "order" (
    id SERIAL PRIMARY KEY,
    "user" TEXT NOT NULL,
    "group" TEXT,
    "CreatedBy" TEXT,
    "due date" DATE,
    "say ""hi""" TEXT,
    "back`tick" TEXT
);

CREATE INDEX order_group_idx ON "order" ("group", "user");

CREATE TABLE "Select" (
    id SERIAL PRIMARY KEY,
    "order" INTEGER NOT NULL,
    FOREIGN KEY ("order") REFERENCES "order" (id)
);
