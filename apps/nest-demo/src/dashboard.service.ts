import { Inject, Injectable } from '@nestjs/common';
import { AuthKitService } from '@authkit/nestjs';
import { mintDemoCredentials, type ApiResult, type DemoCredentials } from '@authkit/demo-kit';
import type { SandboxConnection } from '@authkit/sandbox';
import { SANDBOX } from './sandbox.module.js';
import { pages } from './views.js';

/** Renders the dashboard of a signed-in user: connections, connect methods, demo credentials. */
@Injectable()
export class DashboardService {
  /** Credentials minted once per user, so the page shows the same ones across reloads. */
  readonly #credentials = new Map<string, Promise<DemoCredentials>>();

  constructor(
    @Inject(AuthKitService) private readonly authkit: AuthKitService,
    @Inject(SANDBOX) private readonly sandbox: SandboxConnection,
  ) {}

  credentialsFor(user: string): Promise<DemoCredentials> {
    let minted = this.#credentials.get(user);
    if (!minted) {
      minted = mintDemoCredentials(this.sandbox).catch(() => ({}));
      this.#credentials.set(user, minted);
    }
    return minted;
  }

  async render(user: string, extra: { result?: ApiResult; error?: { code: string; message: string } } = {}): Promise<string> {
    return pages.dashboardPage({
      user,
      connections: await this.authkit.authkit.listConnections({ ownerId: user }),
      credentials: await this.credentialsFor(user),
      sandboxUrl: this.sandbox.url,
      ...extra,
    });
  }
}
