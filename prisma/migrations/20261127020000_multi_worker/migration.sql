-- CreateTable
CREATE TABLE "SenderLease" (
    "senderKey" TEXT NOT NULL PRIMARY KEY,
    "owner" TEXT NOT NULL,
    "until" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "SendSlot" (
    "slotKey" TEXT NOT NULL PRIMARY KEY,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "SendSlot_createdAt_idx" ON "SendSlot"("createdAt");
