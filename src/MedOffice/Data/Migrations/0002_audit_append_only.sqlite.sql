-- 0002: the audit trail is append-only in the database too. Raw-SQL tampering that gets past these (by dropping them)
-- is still caught by the hash chain (medoffice audit verify).
CREATE TRIGGER "TR_AuditEvents_NoUpdate" BEFORE UPDATE ON "AuditEvents"
BEGIN
    SELECT RAISE(ABORT, 'audit rows are append-only');
END;

CREATE TRIGGER "TR_AuditEvents_NoDelete" BEFORE DELETE ON "AuditEvents"
BEGIN
    SELECT RAISE(ABORT, 'audit rows are append-only');
END;
