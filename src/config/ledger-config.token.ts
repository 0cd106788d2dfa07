/** Injection token for the validated {@link LedgerConfig}. */
export const LEDGER_CONFIG = Symbol('LedgerConfig');
