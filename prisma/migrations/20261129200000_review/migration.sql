-- The review loop: every report has a review state. Reports stored before the loop existed were already
-- counted and used; they are taken as accepted, and every report stored from now on starts as new.
ALTER TABLE "Submission" ADD COLUMN "reviewState" TEXT NOT NULL DEFAULT 'new';
ALTER TABLE "Submission" ADD COLUMN "reviewReason" TEXT;
ALTER TABLE "Submission" ADD COLUMN "reviewedAt" DATETIME;
ALTER TABLE "Submission" ADD COLUMN "reviewedBy" TEXT;
ALTER TABLE "Submission" ADD COLUMN "importedBy" TEXT;
UPDATE "Submission" SET "reviewState" = 'accepted';

-- CreateIndex
CREATE INDEX "Submission_reviewState_idx" ON "Submission"("reviewState");

-- CreateTable
CREATE TABLE "PeriodReopening" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "formId" TEXT NOT NULL,
    "periodKey" TEXT NOT NULL,
    "unitId" INTEGER NOT NULL,
    "until" DATETIME NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "PeriodReopening_formId_periodKey_unitId_key" ON "PeriodReopening"("formId", "periodKey", "unitId");

-- CreateIndex
CREATE INDEX "PeriodReopening_unitId_idx" ON "PeriodReopening"("unitId");

-- CreateTable
CREATE TABLE "ReviewPrompt" (
    "contactId" INTEGER NOT NULL PRIMARY KEY,
    "submissionId" INTEGER NOT NULL,
    "revision" INTEGER NOT NULL,
    "stage" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ReviewPrompt_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- Reopened periods are loaded with the contact (what /baocao offers), so a change raises the directory's version.
CREATE TRIGGER "cache_reopening_insert" AFTER INSERT ON "PeriodReopening" BEGIN UPDATE "CacheVersion" SET "value" = "value" + 1 WHERE "name" = 'directory'; END;
CREATE TRIGGER "cache_reopening_update" AFTER UPDATE ON "PeriodReopening" BEGIN UPDATE "CacheVersion" SET "value" = "value" + 1 WHERE "name" = 'directory'; END;
CREATE TRIGGER "cache_reopening_delete" AFTER DELETE ON "PeriodReopening" BEGIN UPDATE "CacheVersion" SET "value" = "value" + 1 WHERE "name" = 'directory'; END;
