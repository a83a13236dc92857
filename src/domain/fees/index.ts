/** Party fees: rules as data, monthly amounts, the split between levels, VietQR, statements. */
export * from './money';
export * from './rules';
export * from './profile';
export * from './compute';
export * from './split';
export * from './vietqr';
export * from './statement-match';
export * from './ledger';
export * from './amount-words';
export * from './approve';
export * from './bank-bins';
export * from './bank-account-check';
export * from './org-report';
