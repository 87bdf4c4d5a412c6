import { Inject, Injectable } from '@nestjs/common';
import { AuthKitService } from '@authkit/nestjs';
import { SANDBOX_LINK } from './sandbox.module.js';
import type { DemoCredentials, SandboxLink } from './sandbox-link.js';
import { dashboardPage, type ApiResult } from './views.js';

/** Renders the dashboard of a signed-in user: connections, connect methods, demo credentials. */
@Injectable()
export class DashboardService {
  /** Credentials minted once per user, so the page shows the same ones across reloads. */
  readonly #credentials = new Map<string, Promise<DemoCredentials>>();

  constructor(
    @Inject(AuthKitService) private readonly authkit: AuthKitService,
    @Inject(SANDBOX_LINK) private readonly link: SandboxLink,
  ) {}

  credentialsFor(user: string): Promise<DemoCredentials> {
    let minted = this.#credentials.get(user);
    if (!minted) {
      minted = this.link.mintCredentials().catch(() => ({}));
      this.#credentials.set(user, minted);
    }
    return minted;
  }

  async render(user: string, extra: { result?: ApiResult; error?: { code: string; message: string } } = {}): Promise<string> {
    return dashboardPage({
      user,
      basePath: this.authkit.basePath,
      connections: await this.authkit.status(user),
      credentials: await this.credentialsFor(user),
      sandboxUrl: this.link.url,
      ...extra,
    });
  }
}
