-- The ledger is the only way credits move. Each row's delta is applied to "User"."balance" by the
-- same statement that inserts it; a result below zero aborts the insert; rows never change.
-- So the balance always equals the ledger sum and can never go negative, whatever the
-- concurrency or whichever process (app instance, CLI) writes.
CREATE TRIGGER "CreditLedger_apply" BEFORE INSERT ON "CreditLedger"
BEGIN
  SELECT RAISE(ABORT, 'insufficient_credits')
  WHERE (SELECT "balance" FROM "User" WHERE "id" = NEW."userId") + NEW."delta" < 0
     OR NOT EXISTS (SELECT 1 FROM "User" WHERE "id" = NEW."userId");
  UPDATE "User" SET "balance" = "balance" + NEW."delta" WHERE "id" = NEW."userId";
END;

CREATE TRIGGER "CreditLedger_no_update" BEFORE UPDATE ON "CreditLedger"
BEGIN
  SELECT RAISE(ABORT, 'ledger_is_append_only');
END;

CREATE TRIGGER "CreditLedger_no_delete" BEFORE DELETE ON "CreditLedger"
BEGIN
  SELECT RAISE(ABORT, 'ledger_is_append_only');
END;

CREATE TRIGGER "User_balance_nonnegative" BEFORE UPDATE OF "balance" ON "User"
WHEN NEW."balance" < 0
BEGIN
  SELECT RAISE(ABORT, 'insufficient_credits');
END;
