import type { AppError, Result } from './result.ts';

// The wire format shared by the MessagePort (Electron) and the gateway's WebSocket (browser shell).

export type CallMessage = { type: 'call'; id: number; name: string; input: unknown };
export type ReplyMessage = { type: 'reply'; id: number; result: Result<unknown> };
export type EventMessage = { type: 'event'; name: string; body: unknown };
export type ClientMessage = CallMessage;
export type ServerMessage = ReplyMessage | EventMessage;

export const isCallMessage = (m: unknown): m is CallMessage =>
  typeof m === 'object' &&
  m !== null &&
  (m as CallMessage).type === 'call' &&
  Number.isSafeInteger((m as CallMessage).id) &&
  typeof (m as CallMessage).name === 'string';

export const transportError = (message: string): AppError => ({ code: 'INTERNAL', message });
