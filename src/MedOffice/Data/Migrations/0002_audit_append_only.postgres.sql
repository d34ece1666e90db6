-- 0002: the audit trail is append-only in the database too. Raw-SQL tampering that gets past these (by dropping them)
-- is still caught by the hash chain (medoffice audit verify).
CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit rows are append-only';
END
$$;

CREATE TRIGGER "TR_AuditEvents_NoChange" BEFORE UPDATE OR DELETE ON "AuditEvents"
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();

CREATE TRIGGER "TR_AuditEvents_NoTruncate" BEFORE TRUNCATE ON "AuditEvents"
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
