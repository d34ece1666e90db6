-- 0009: meeting invitations by e-mail. Users get an optional e-mail address (unique regardless of case) and an optional
-- link to the provider calendar that is them (one user per provider), so a meeting inviting them blocks that calendar.
-- The outbox carries an attachment (a meeting's .ics) and the meeting it is about.
ALTER TABLE "Users" ADD COLUMN "Email" TEXT NULL;
ALTER TABLE "Users" ADD COLUMN "NormalizedEmail" TEXT NULL;
ALTER TABLE "Users" ADD COLUMN "ProviderResourceId" INTEGER NULL
    CONSTRAINT "FK_Users_SchedulableResources_ProviderResourceId" REFERENCES "SchedulableResources" ("Id") ON DELETE SET NULL;
CREATE UNIQUE INDEX "IX_Users_NormalizedEmail" ON "Users" ("NormalizedEmail");
CREATE UNIQUE INDEX "IX_Users_ProviderResourceId" ON "Users" ("ProviderResourceId");

ALTER TABLE "OutboxMessages" ADD COLUMN "MeetingId" INTEGER NULL
    CONSTRAINT "FK_OutboxMessages_StaffMeetings_MeetingId" REFERENCES "StaffMeetings" ("Id") ON DELETE CASCADE;
ALTER TABLE "OutboxMessages" ADD COLUMN "AttachmentName" TEXT NULL;
ALTER TABLE "OutboxMessages" ADD COLUMN "AttachmentContentType" TEXT NULL;
ALTER TABLE "OutboxMessages" ADD COLUMN "Attachment" TEXT NULL
    CONSTRAINT "CK_OutboxMessages_Attachment" CHECK ("Attachment" IS NULL OR ("AttachmentName" IS NOT NULL AND "AttachmentContentType" IS NOT NULL));
CREATE INDEX "IX_OutboxMessages_MeetingId" ON "OutboxMessages" ("MeetingId");
