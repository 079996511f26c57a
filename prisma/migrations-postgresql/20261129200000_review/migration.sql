-- The review loop: every report has a review state. Reports stored before the loop existed were already
-- counted and used; they are taken as accepted, and every report stored from now on starts as new.
ALTER TABLE "Submission" ADD COLUMN "reviewState" TEXT NOT NULL DEFAULT 'new';
ALTER TABLE "Submission" ADD COLUMN "reviewReason" TEXT;
ALTER TABLE "Submission" ADD COLUMN "reviewedAt" TIMESTAMP(3);
ALTER TABLE "Submission" ADD COLUMN "reviewedBy" TEXT;
ALTER TABLE "Submission" ADD COLUMN "importedBy" TEXT;
UPDATE "Submission" SET "reviewState" = 'accepted';

-- CreateIndex
CREATE INDEX "Submission_reviewState_idx" ON "Submission"("reviewState");

-- CreateTable
CREATE TABLE "PeriodReopening" (
    "id" SERIAL NOT NULL,
    "formId" TEXT NOT NULL,
    "periodKey" TEXT NOT NULL,
    "unitId" INTEGER NOT NULL,
    "until" TIMESTAMP(3) NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PeriodReopening_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PeriodReopening_formId_periodKey_unitId_key" ON "PeriodReopening"("formId", "periodKey", "unitId");

-- CreateIndex
CREATE INDEX "PeriodReopening_unitId_idx" ON "PeriodReopening"("unitId");

-- CreateTable
CREATE TABLE "ReviewPrompt" (
    "contactId" INTEGER NOT NULL,
    "submissionId" INTEGER NOT NULL,
    "revision" INTEGER NOT NULL,
    "stage" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReviewPrompt_pkey" PRIMARY KEY ("contactId")
);

-- AddForeignKey
ALTER TABLE "ReviewPrompt" ADD CONSTRAINT "ReviewPrompt_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Reopened periods are loaded with the contact (what /baocao offers), so a change raises the directory's version.
CREATE TRIGGER "cache_reopening_change" AFTER INSERT OR UPDATE OR DELETE ON "PeriodReopening" FOR EACH STATEMENT EXECUTE FUNCTION "bump_cache_version"('directory');
