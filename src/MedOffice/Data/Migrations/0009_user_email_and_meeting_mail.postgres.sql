-- 0009: meeting invitations by e-mail. Users get an optional e-mail address (unique regardless of case) and an optional
-- link to the provider calendar that is them (one user per provider), so a meeting inviting them blocks that calendar.
-- The outbox carries an attachment (a meeting's .ics) and the meeting it is about.
ALTER TABLE "Users" ADD "Email" character varying(254);
ALTER TABLE "Users" ADD "NormalizedEmail" character varying(254);
ALTER TABLE "Users" ADD "ProviderResourceId" integer;
ALTER TABLE "Users" ADD CONSTRAINT "FK_Users_SchedulableResources_ProviderResourceId"
    FOREIGN KEY ("ProviderResourceId") REFERENCES "SchedulableResources" ("Id") ON DELETE SET NULL;
CREATE UNIQUE INDEX "IX_Users_NormalizedEmail" ON "Users" ("NormalizedEmail");
CREATE UNIQUE INDEX "IX_Users_ProviderResourceId" ON "Users" ("ProviderResourceId");

ALTER TABLE "OutboxMessages" ADD "MeetingId" integer;
ALTER TABLE "OutboxMessages" ADD "AttachmentName" character varying(128);
ALTER TABLE "OutboxMessages" ADD "AttachmentContentType" character varying(128);
ALTER TABLE "OutboxMessages" ADD "Attachment" text;
ALTER TABLE "OutboxMessages" ADD CONSTRAINT "FK_OutboxMessages_StaffMeetings_MeetingId"
    FOREIGN KEY ("MeetingId") REFERENCES "StaffMeetings" ("Id") ON DELETE CASCADE;
ALTER TABLE "OutboxMessages" ADD CONSTRAINT "CK_OutboxMessages_Attachment"
    CHECK ("Attachment" IS NULL OR ("AttachmentName" IS NOT NULL AND "AttachmentContentType" IS NOT NULL));
CREATE INDEX "IX_OutboxMessages_MeetingId" ON "OutboxMessages" ("MeetingId");
