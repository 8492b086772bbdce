-- CreateTable
CREATE TABLE "ReservationSweep" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "through" TEXT NOT NULL
);
