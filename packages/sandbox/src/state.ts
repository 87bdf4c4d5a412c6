import type { SandboxClock } from './clock';
import type { SandboxData } from './data';
import type { FaultInjector } from './faults';
import type { ClientRegistry } from './oauth/clients';
import type { CodeStore } from './oauth/codes';
import type { TokenStore } from './oauth/tokens';
import type { FixedWindowLimiter } from './rate-limit';
import type { Stats } from './stats';
import type { SandboxSettings } from './types';

/** Everything the route handlers share. One per sandbox instance: no module-level state. */
export interface SandboxState {
  /** `http://host:port`, known once the server listens. */
  baseUrl: string;
  readonly clock: SandboxClock;
  readonly settings: SandboxSettings;
  readonly clients: ClientRegistry;
  readonly tokens: TokenStore;
  readonly codes: CodeStore;
  readonly faults: FaultInjector;
  readonly stats: Stats;
  readonly limiter: FixedWindowLimiter;
  readonly data: SandboxData;
}
