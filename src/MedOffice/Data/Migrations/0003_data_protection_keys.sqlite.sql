-- 0003: the keys that protect session cookies and antiforgery tokens live in the database, so every app node
-- on one PostgreSQL (and a restored SQLite backup) accepts the same sign-ins.
CREATE TABLE "DataProtectionKeys" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_DataProtectionKeys" PRIMARY KEY AUTOINCREMENT,
    "FriendlyName" TEXT NULL,
    "Xml" TEXT NULL
);
