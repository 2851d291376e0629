import type { z } from 'zod';

// Evidence calls (intake, custody, analysis, findings). Merged into the contract in common/contract.ts.
export const evidenceCalls = {} satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;
