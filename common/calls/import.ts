import type { z } from 'zod';

// Import calls (preview, run as a job). Merged into the contract in common/contract.ts.
export const importCalls = {} satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;
