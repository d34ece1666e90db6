-- 0013: files collected from the clearinghouse (999, 277CA, 271, 277, 835): each read once, known by its SHA-256.

CREATE TABLE "ClearinghouseFiles" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ClearinghouseFiles" PRIMARY KEY AUTOINCREMENT,
    "FileName" TEXT NOT NULL,
    "Sha256" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "ReceivedAt" TEXT NOT NULL,
    "Summary" TEXT NOT NULL
);

CREATE INDEX "IX_ClearinghouseFiles_ReceivedAt" ON "ClearinghouseFiles" ("ReceivedAt");

CREATE UNIQUE INDEX "IX_ClearinghouseFiles_Sha256" ON "ClearinghouseFiles" ("Sha256");
