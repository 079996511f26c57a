-- The shared send budget: one row per bucket (a platform, or one chat on it) holding when it may next
-- be used, instead of one row per taken slot. Slots are transient, so the old table is dropped.
DROP TABLE "SendSlot";

-- CreateTable
CREATE TABLE "SendBudget" (
    "bucket" TEXT NOT NULL PRIMARY KEY,
    "at" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "SendBudget_at_idx" ON "SendBudget"("at");
