-- SPDX-License-Identifier: GPL-3.0-or-later
-- Every hostile name of the quoting table, used as table, column, constraint and index names.
CREATE TABLE "a""b" (
    "x'; DROP TABLE t; --" INTEGER NOT NULL,
    "ends with quote""" VARCHAR(20) DEFAULT 'it''s',
    "ends with backtick`" TEXT COLLATE NOCASE,
    "select" INTEGER CHECK ("select" > 0),
    "with space" NUMERIC(10,2) DEFAULT (1 + 2),
    "таблица" TEXT,
    "表" INTEGER,
    CONSTRAINT "pk a""b" PRIMARY KEY ("x'; DROP TABLE t; --", "表"),
    CONSTRAINT "uq ""order""" UNIQUE ("ends with quote""", "select"),
    CONSTRAINT "ck )," CHECK ("with space" >= 0 AND "таблица" <> ')')
);
CREATE TABLE "order" (
    "id" INTEGER PRIMARY KEY,
    "parent x" INTEGER,
    "a ref" INTEGER,
    "b ref" INTEGER,
    CONSTRAINT "fk ""self""" FOREIGN KEY ("parent x") REFERENCES "order" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "fk to a""b" FOREIGN KEY ("a ref", "b ref") REFERENCES "a""b" ("x'; DROP TABLE t; --", "表") ON DELETE CASCADE
);
CREATE TABLE "ends with backtick`" ("表" INTEGER UNIQUE, "a""b" TEXT, "gen" INTEGER GENERATED ALWAYS AS ("表" * 2));
CREATE INDEX "ix partial ""p""" ON "a""b" ("select") WHERE "select" > 10;
CREATE INDEX "ix expr" ON "a""b" (lower("таблица"), "表" + 1);
CREATE UNIQUE INDEX "ux `表`" ON "order" ("a ref");
CREATE VIEW "v ""view""" AS SELECT "select", "表" FROM "a""b" WHERE "select" > 1;
CREATE TRIGGER "tr ""t""" AFTER INSERT ON "order" BEGIN UPDATE "order" SET "b ref" = 0 WHERE "id" = NEW."id" AND NEW."b ref" IS NULL; END;
CREATE TRIGGER "tr instead ""v""" INSTEAD OF DELETE ON "v ""view""" BEGIN DELETE FROM "a""b" WHERE "select" = OLD."select"; END;
