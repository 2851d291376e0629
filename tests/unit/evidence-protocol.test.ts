import type { CustomScheme } from 'electron';
import { describe, expect, it } from 'vitest';
import { handleEvidenceProtocol, registerEvidenceScheme } from '../../main/protocol.ts';

describe('evidence:// protocol', () => {
  it('registers evidence as a standard, secure, streaming, fetchable scheme', () => {
    const registered: CustomScheme[] = [];
    registerEvidenceScheme({ registerSchemesAsPrivileged: (schemes) => registered.push(...schemes) });
    expect(registered).toEqual([{ scheme: 'evidence', privileges: { standard: true, secure: true, stream: true, supportFetchAPI: true } }]);
  });

  it('answers 404 saying the viewer is not available, rather than a fake file', async () => {
    const handlers = new Map<string, (request: Request) => Response | Promise<Response>>();
    handleEvidenceProtocol({ handle: (scheme, handler) => handlers.set(scheme, handler) });
    const handler = handlers.get('evidence');
    expect(handler).toBeDefined();
    const response = await handler!(new Request('evidence://store/3b1f0c'));
    expect(response.status).toBe(404);
    expect(await response.text()).toBe('Evidence viewer is not available yet');
  });
});
