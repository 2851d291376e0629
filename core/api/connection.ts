import { MAX_MESSAGE_BYTES } from '../../common/contract.ts';
import { isCallMessage, type ServerMessage } from '../../common/protocol.ts';
import { err } from '../../common/result.ts';
import type { Workspace } from '../workspace.ts';
import type { Dispatch } from './dispatch.ts';

/**
 * One client of core (a window's MessagePort or a browser's WebSocket): calls in, replies and events out.
 * Both transports share this, so they accept and refuse exactly the same things.
 */
export const openConnection = (ws: Workspace, dispatch: Dispatch, send: (m: ServerMessage) => void) => {
  const unsubscribe = ws.subscribe((name, body) => send({ type: 'event', name, body }));
  const receive = async (raw: unknown): Promise<void> => {
    let message: unknown = raw;
    if (typeof raw === 'string') {
      if (raw.length > MAX_MESSAGE_BYTES) return send({ type: 'reply', id: -1, result: err('TOO_LARGE', `A request may be at most ${MAX_MESSAGE_BYTES} bytes.`) });
      try {
        message = JSON.parse(raw);
      } catch {
        return send({ type: 'reply', id: -1, result: err('INVALID_INPUT', 'The request is not valid JSON.') });
      }
    }
    if (!isCallMessage(message)) return send({ type: 'reply', id: -1, result: err('INVALID_INPUT', 'A request must be {type:"call", id, name, input}.') });
    const result = await dispatch(message.name, message.input);
    send({ type: 'reply', id: message.id, result });
  };
  return { receive, close: unsubscribe };
};
