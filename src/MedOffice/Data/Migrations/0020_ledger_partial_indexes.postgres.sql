-- 0020: the ledger's indexes on columns most entries leave empty (the patient payment, the entry reversed, the write-off
-- request) hold only the entries that have one: an 835 adds hundreds of thousands of entries with none of the three.

DROP INDEX "IX_LedgerEntries_PaymentId";
CREATE INDEX "IX_LedgerEntries_PaymentId" ON "LedgerEntries" ("PaymentId") WHERE "PaymentId" IS NOT NULL;
DROP INDEX "IX_LedgerEntries_ReversesEntryId";
CREATE UNIQUE INDEX "IX_LedgerEntries_ReversesEntryId" ON "LedgerEntries" ("ReversesEntryId") WHERE "ReversesEntryId" IS NOT NULL;
DROP INDEX "IX_LedgerEntries_WriteOffRequestId";
CREATE INDEX "IX_LedgerEntries_WriteOffRequestId" ON "LedgerEntries" ("WriteOffRequestId") WHERE "WriteOffRequestId" IS NOT NULL;
