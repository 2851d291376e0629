import type { z } from 'zod';
import { contract, isCallName, type CallName, type Contract } from '../../common/contract.ts';
import { DomainError, err, ok, type Result } from '../../common/result.ts';
import { log } from '../logger.ts';

export type HandlersFor<Names extends CallName> = {
  [K in Names]: (input: z.output<Contract[K]['input']>) => z.input<Contract[K]['output']> | Promise<z.input<Contract[K]['output']>>;
};

export type Handlers = {
  [K in CallName]: (input: z.output<Contract[K]['input']>) => z.input<Contract[K]['output']> | Promise<z.input<Contract[K]['output']>>;
};

const describeIssues = (error: z.ZodError): string =>
  error.issues
    .slice(0, 5)
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');

/**
 * The one boundary every call crosses: unknown names and invalid input are refused with a stable code,
 * and whatever a handler throws comes back as a value, never as a crash of the caller.
 */
export const createDispatcher = (handlers: Handlers) => async (name: unknown, input: unknown): Promise<Result<unknown>> => {
  if (!isCallName(name)) return err('UNKNOWN_CALL', `There is no call named "${String(name).slice(0, 80)}".`);
  const spec = contract[name];
  const parsed = spec.input.safeParse(input ?? {});
  if (!parsed.success) return err('INVALID_INPUT', `${name}: ${describeIssues(parsed.error)}`, parsed.error.issues.slice(0, 20));
  try {
    const handler = handlers[name] as (i: unknown) => unknown;
    const value = await handler(parsed.data);
    const checked = spec.output.safeParse(value);
    if (!checked.success) {
      log.error('output does not match the contract', { name, issues: checked.error.issues.slice(0, 5) });
      return err('INTERNAL', `${name} produced a result that does not match the contract.`);
    }
    return ok(checked.data);
  } catch (e) {
    if (e instanceof DomainError) return err(e.code, e.message, e.details);
    const message = (e as Error)?.message ?? String(e);
    if ((e as { code?: string })?.code?.startsWith?.('SQLITE_')) {
      log.error('storage error', { name, message });
      return err('STORAGE_ERROR', `The workspace database refused the change (${message}). Nothing was saved.`);
    }
    log.error('call failed', { name, message, stack: (e as Error)?.stack });
    return err('INTERNAL', `Something went wrong in ${name}: ${message}`);
  }
};
export type Dispatch = ReturnType<typeof createDispatcher>;
