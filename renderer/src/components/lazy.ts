import { lazy, type ComponentType } from 'react';

/** How long a chunk keeps being asked for while the link to Casebench is down (it is served by core). */
const ATTEMPTS = 120;
const RETRY_MS = 1000;

/**
 * A component loaded in its own chunk. The chunk comes from the browser shell's gateway, which may be
 * unreachable for a while; the load is retried instead of failing the screen, and lands when it is back.
 */
export const lazyComponent = <P extends object>(load: () => Promise<ComponentType<P>>) =>
  lazy(async () => {
    for (let attempt = 1; ; attempt++) {
      try {
        return { default: await load() };
      } catch (e) {
        if (attempt >= ATTEMPTS) throw e;
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      }
    }
  });
